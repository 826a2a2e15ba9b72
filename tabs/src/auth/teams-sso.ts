// The one place the tab obtains a Teams SSO token, through @microsoft/teamsfx. Loaded on demand
// (dynamic import) only inside Teams, so a plain browser never downloads teamsfx or MSAL.
// The token goes to our tab API as "Authorization: Bearer"; the API verifies it (tab-auth.ts).
// When Teams cannot issue it silently (the user, or the tenant, has not consented to the app
// yet), the user is offered the consent popup: auth-start.html → Microsoft identity platform →
// auth-end.html, after which the silent request is made once more.
import { TeamsUserCredential } from '@microsoft/teamsfx';
import { app, authentication } from '@microsoft/teams-js';
import { consentQuery } from './authorize-url';

let credential: TeamsUserCredential | undefined;
let credentialFor = '';

async function silentToken(sso: { clientId: string; loginUrl: string }): Promise<string> {
  if (!credential || credentialFor !== sso.clientId) {
    credential = new TeamsUserCredential({ clientId: sso.clientId, initiateLoginEndpoint: sso.loginUrl });
    credentialFor = sso.clientId;
  }
  const token = await credential.getToken('');
  if (!token?.token) throw new Error('Teams returned no sign-in token.');
  return token.token;
}

/** A Teams SSO token for our AAD app (empty scope = the SSO token itself). */
export async function getSsoToken(sso: { clientId: string; loginUrl: string }): Promise<string> {
  try {
    return await silentToken(sso);
  } catch (silentError) {
    await consent(sso, silentError);
    return silentToken(sso);
  }
}

/**
 * Asks the user to sign in through the consent popup. The popup opens from a button press: web
 * browsers block popups that no click started.
 */
async function consent(sso: { clientId: string; loginUrl: string }, cause: unknown): Promise<void> {
  const context = await app.getContext().catch(() => undefined);
  await askToSignIn(cause);
  const query = consentQuery({ clientId: sso.clientId, tenantId: context?.user?.tenant?.id, loginHint: context?.user?.loginHint });
  try {
    await authentication.authenticate({ url: `${sso.loginUrl}?${query}`, width: 600, height: 535 });
  } catch (e) {
    throw new Error(`sign-in was not completed: ${(e as Error)?.message ?? e}`);
  }
}

/** A small dialog with a "Sign in" button; resolves on the press, rejects when dismissed. */
function askToSignIn(cause: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'sign-in-dialog';
    dialog.setAttribute('aria-labelledby', 'sign-in-title');
    const title = Object.assign(document.createElement('h2'), { id: 'sign-in-title', textContent: 'Sign in to Service Ops' });
    const text = Object.assign(document.createElement('p'), {
      textContent: 'Teams could not sign you in to Service Ops on its own. Sign in once to let this tab show your organization\'s data.',
    });
    const detail = Object.assign(document.createElement('p'), { className: 'detail', textContent: `(${String((cause as Error)?.message ?? cause).slice(0, 200)})` });
    const signIn = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Sign in' });
    const cancel = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Not now' });
    dialog.append(title, text, detail, signIn, cancel);
    const close = () => {
      dialog.close();
      dialog.remove();
    };
    signIn.addEventListener('click', () => {
      close();
      resolve();
    });
    cancel.addEventListener('click', () => {
      close();
      reject(new Error('sign-in was dismissed'));
    });
    dialog.addEventListener('cancel', () => {
      dialog.remove();
      reject(new Error('sign-in was dismissed'));
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
