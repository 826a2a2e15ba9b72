// auth-end.html: Entra redirects the consent popup here. It reports the outcome to the tab that
// opened it (notifySuccess / notifyFailure), which then asks Teams for the SSO token again. The
// authorization code is never passed on: consent was the point, not a token.
import { app, authentication } from '@microsoft/teams-js';
import { readAuthorizeResponse, STATE_KEY } from './authorize-url';

const result = readAuthorizeResponse(location.hash, sessionStorage.getItem(STATE_KEY));
sessionStorage.removeItem(STATE_KEY);
// Nothing of the answer stays in the address bar or the history.
history.replaceState(null, '', location.pathname);
const status = document.getElementById('status');
if (status) status.textContent = result.ok ? 'Signed in. You can close this window.' : `Sign-in failed: ${result.error}`;
app.initialize().then(
  () => {
    if (result.ok) authentication.notifySuccess('consented');
    else authentication.notifyFailure(result.error);
  },
  // Opened outside a Teams popup: there is no tab to tell, and the page already says the outcome.
  () => {},
);
