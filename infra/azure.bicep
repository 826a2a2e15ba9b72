// Service Ops: Azure resources for one environment (dev, prod, ...).
// Deployed by the `arm/deploy` step of m365agents.yml; every output below is written
// to env/.env.<env> under the same name (upper case) for the later steps to use.

@minLength(4)
@maxLength(20)
@description('Base for every resource name: lower-case letters and digits only (the storage account name allows nothing else).')
param resourceBaseName string

@description('Region for everything except the Azure Bot, which is always global.')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 is the smallest tier that supports Always On, which the reminder scheduler needs.')
param webAppSku string = 'B1'

@description('Linux runtime stack: Node 22 (Node 20 reached end of life in April 2026). Development and CI may still run Node 20; the build targets it, so the same dist/ runs on both.')
param linuxFxVersion string = 'NODE|22-lts'

@maxLength(42)
@description('Display name of the Azure Bot resource.')
param botDisplayName string = 'Service Ops'

@description('Client id of the Entra app that the tab SSO token is issued for (aadApp/create in m365agents.yml).')
param aadAppClientId string

@description('Tenant of that Entra app.')
param aadAppTenantId string

@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// Built-in role "Storage Table Data Contributor": read, write and delete tables and entities.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageAccountName = take('${toLower(replace(resourceBaseName, '-', ''))}st', 24)

// One user-assigned identity is both the bot's Microsoft App ID (Azure Bot msaAppType
// UserAssignedMSI) and the web app's credential for Table storage: no secrets at all.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    // The app reaches tables with its managed identity only (STORAGE_TABLE_ENDPOINT +
    // AZURE_CLIENT_ID), so account keys and SAS are switched off.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled' // App Service reaches it over the public endpoint (no VNet here)
  }
}

// The Table service of the account. No table resources: the app creates its own tables.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {}
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    // Set explicitly so the assignment does not fail while the new identity is still replicating.
    principalType: 'ServicePrincipal'
  }
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: '${resourceBaseName}-log'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

// Workspace-based Application Insights (classic resources are retired).
resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-appi'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // required for a Linux plan
  }
}

resource webApp 'Microsoft.Web/sites@2025-03-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false // state lives in Table storage; any instance can serve any request
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      // restify's dependency calls process.binding (DEP0111) at every start: not ours to fix, and not worth a log line.
      appCommandLine: 'node --disable-warning=DEP0111 dist/bot/index.js'
      alwaysOn: true // the reminder scheduler runs in-process and must not be unloaded when idle
      // App Service pings this on every instance and replaces one that keeps failing. /healthz
      // answers 200 only when Table storage answers, 503 otherwise (bot/src/server.ts).
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
    }
  }
}

// App settings live in a child resource because TAB_ENDPOINT needs the site's own
// default host name, which the site resource cannot reference inside itself.
// The names are exactly the ones bot/src/config.ts reads.
resource webAppSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    BOT_ID: identity.properties.clientId
    BOT_TYPE: 'UserAssignedMSI'
    BOT_TENANT_ID: identity.properties.tenantId
    HOST: '0.0.0.0' // the container must listen on all interfaces, not loopback
    PORT: '8080'
    WEBSITES_PORT: '8080'
    STORAGE_TABLE_ENDPOINT: storage.properties.primaryEndpoints.table
    AZURE_CLIENT_ID: identity.properties.clientId // selects the user-assigned identity for ManagedIdentityCredential
    TAB_ENDPOINT: 'https://${webApp.properties.defaultHostName}'
    AAD_APP_CLIENT_ID: aadAppClientId
    AAD_APP_TENANT_ID: aadAppTenantId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    // The zip is built by `npm run build` before deploy and mounted read-only as is.
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
    WEBSITE_RUN_FROM_PACKAGE: '1'
  }
}

// Deployments (azureAppService/zipDeploy) authenticate with an Entra token, so
// basic-auth publishing credentials are not needed.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

module azureBot './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    botServiceName: resourceBaseName
    botDisplayName: botDisplayName
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
    botAppDomain: webApp.properties.defaultHostName
  }
}

// Written to env/.env.<env> by arm/deploy; consumed by the manifest, aad.manifest.json and deploy.
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output AZURE_BOT_RESOURCE_ID string = azureBot.outputs.botServiceId
output STORAGE_ACCOUNT_NAME string = storage.name
