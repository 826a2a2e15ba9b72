// Azure Bot registration for Service Ops, bound to the user-assigned managed identity
// (no app secret anywhere), with the Microsoft Teams channel enabled.
// Deployed as a module of ../azure.bicep.

@minLength(2)
@maxLength(64)
@description('Bot resource name; must be unique across Azure.')
param botServiceName string

@maxLength(42)
@description('Name shown in the Azure portal (Teams shows the name from the app manifest).')
param botDisplayName string

@allowed([
  'F0'
  'S1'
])
@description('F0 is free and covers Teams (Teams is a standard channel, not billed as premium).')
param botServiceSku string = 'F0'

@description('Resource id of the user-assigned managed identity the bot runs as.')
param identityResourceId string

@description('Client id of that identity: the bot\'s Microsoft App ID (BOT_ID).')
param identityClientId string

@description('Tenant of that identity.')
param identityTenantId string

@description('Host name of the web app that serves /api/messages.')
param botAppDomain string

// 2022-09-15 is the newest non-preview API version of Microsoft.BotService.
resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  kind: 'azurebot'
  location: 'global' // Azure Bot registrations are global resources
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    // UserAssignedMSI: Bot Connector tokens are issued to the managed identity, so the
    // app authenticates with ManagedIdentityCredential and there is no password to rotate.
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output botServiceId string = botService.id
