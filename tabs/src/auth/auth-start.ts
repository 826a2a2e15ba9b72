// auth-start.html: the first page of the consent popup the tab opens (teams-sso.ts) when Teams
// cannot hand out the SSO token silently. It sends the browser to the Microsoft identity
// platform; Entra comes back to auth-end.html.
import { authorizeUrl, readConsentQuery, STATE_KEY } from './authorize-url';

const request = readConsentQuery(location.search);
const status = document.getElementById('status');
if ('error' in request) {
  if (status) status.textContent = request.error;
} else {
  const state = crypto.randomUUID();
  sessionStorage.setItem(STATE_KEY, state);
  location.assign(authorizeUrl(request, location.origin, location.hostname, state));
}
