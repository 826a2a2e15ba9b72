// The one place the tab obtains a Teams SSO token, through @microsoft/teamsfx. Loaded on demand
// (dynamic import) only inside Teams, so a plain browser never downloads teamsfx or MSAL.
// The token goes to our tab API as "Authorization: Bearer"; the API verifies it (tab-auth.ts).
import { TeamsUserCredential } from '@microsoft/teamsfx';

let credential: TeamsUserCredential | undefined;
let credentialFor = '';

/** A Teams SSO token for our AAD app (empty scope = the SSO token itself, no consent popup). */
export async function getSsoToken(sso: { clientId: string; loginUrl: string }): Promise<string> {
  if (!credential || credentialFor !== sso.clientId) {
    credential = new TeamsUserCredential({ clientId: sso.clientId, initiateLoginEndpoint: sso.loginUrl });
    credentialFor = sso.clientId;
  }
  const token = await credential.getToken('');
  if (!token?.token) throw new Error('Teams returned no sign-in token.');
  return token.token;
}
