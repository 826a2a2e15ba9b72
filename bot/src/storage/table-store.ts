// Creates the Table clients for the configured account and the tables the app uses.
import { ManagedIdentityCredential } from '@azure/identity';
import { odata, RestError, TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';
import type { StorageConfig } from '../config';

/** Tables of the foundation; each feature's storage module exports its own list. */
export const CORE_TABLES = ['Conversations', 'Counters', 'Seeds'] as const;
/** Storage settings that cannot work, found when the clients are made. */
export class StoreSetupError extends Error {
  override name = 'StoreSetupError';
}

/** Logical table name (letters/digits); the configured prefix is added in front. */
export type TableName = string;

export interface TableStore {
  client(name: TableName): TableClient;
  ensureTables(names: readonly TableName[]): Promise<void>;
  /** Logical names of this app's tables whose name starts with `namePrefix` (one query of the account). */
  listTables(namePrefix: string): Promise<TableName[]>;
  /** Drops a table and its rows in one call; a table already gone is fine. */
  deleteTable(name: TableName): Promise<void>;
  /** Cheap round trip used by /healthz. */
  ping(): Promise<void>;
}

/**
 * A person is waiting on most calls, and Teams gives up on a turn after 15 s: every attempt
 * has a deadline (a store that accepts the connection and never answers fails like one that
 * refuses it), and one quick retry keeps the whole call within about 4 s.
 */
export const STORE_ATTEMPT_DEADLINE_MS = 2_000;
const RETRY = { maxRetries: 1, retryDelayInMs: 100, maxRetryDelayInMs: 400 };
type PolicyConfig = NonNullable<TableServiceClientOptions['additionalPolicies']>[number];
const deadline: PolicyConfig = {
  policy: {
    name: 'service-ops-store-deadline',
    sendRequest: async (request, next) => {
      if (!request.timeout || request.timeout > STORE_ATTEMPT_DEADLINE_MS) request.timeout = STORE_ATTEMPT_DEADLINE_MS;
      try {
        return await next(request);
      } catch (e) {
        // The HTTP client reports its own timeout as an abort; say what it is, so the retry policy
        // and the turn see a store that did not answer rather than a cancelled call.
        if ((e as Error)?.name === 'AbortError' && !request.abortSignal?.aborted) {
          throw new RestError(`storage did not answer within ${STORE_ATTEMPT_DEADLINE_MS} ms`, { code: 'ETIMEDOUT', request });
        }
        throw e;
      }
    },
  },
  position: 'perRetry',
};

/** Counts every request sent (retries included), with the rows a query returned. */
function counting(prefix: string, observe: (call: StoreCall) => void): PolicyConfig {
  return {
    policy: {
      name: 'service-ops-store-calls',
      sendRequest: async (request, next) => {
        const path = decodeURIComponent(new URL(request.url).pathname).split('/').filter(Boolean);
        const resource = path.at(-1) ?? '';
        const name = resource.replace(/\(.*$/, '');
        const table = name.startsWith(prefix) ? name.slice(prefix.length) : name === 'Tables' || name === '$batch' ? name : '';
        const response = await next(request);
        let rows = 0;
        // A query ends in "Table()", a point read in "Table(PartitionKey='…',RowKey='…')".
        const pointRead = /\(.+\)$/.test(resource);
        if (request.method === 'GET' && response.status === 200 && !pointRead) {
          try {
            rows = (JSON.parse(response.bodyAsText ?? '{}') as { value?: unknown[] }).value?.length ?? 0;
          } catch {
            rows = 0;
          }
        } else if (request.method === 'GET' && response.status === 200) rows = 1;
        observe({ table, method: request.method, rows });
        return response;
      },
    },
    position: 'perRetry',
  };
}

const policies = (prefix: string, observe?: (call: StoreCall) => void): PolicyConfig[] => (observe ? [deadline, counting(prefix, observe)] : [deadline]);

export type ResolvedStorage = Exclude<StorageConfig, { kind: 'embedded' }>;

/** One call to the store, as a test or a metric sees it. */
export interface StoreCall {
  /** Logical table name (the prefix removed), or '' for account calls. */
  table: string;
  method: string;
  /** Entities a query returned. */
  rows: number;
}

export function createTableStore(storage: ResolvedStorage, prefix: string, observe?: (call: StoreCall) => void): TableStore {
  const clients = new Map<TableName, TableClient>();
  const isHttp = (url: string) => url.startsWith('http://');
  let service: TableServiceClient;
  let make: (table: string) => TableClient;
  if (storage.kind === 'connection-string') {
    const insecure = /DefaultEndpointsProtocol=http;|TableEndpoint=http:\/\//i.test(storage.connectionString) || /UseDevelopmentStorage=true/i.test(storage.connectionString);
    const options = { allowInsecureConnection: insecure, retryOptions: RETRY, additionalPolicies: policies(prefix, observe) };
    try {
      service = TableServiceClient.fromConnectionString(storage.connectionString, options);
    } catch (e) {
      // The SDK's words for a bad string range from a TypeError to "Invalid EndpointSuffix".
      throw new StoreSetupError(`STORAGE_CONNECTION_STRING is malformed (${(e as Error).message}): copy it again from the storage account's Access keys, or leave it empty to use the embedded Azurite.`);
    }
    make = (table) => TableClient.fromConnectionString(storage.connectionString, table, options);
  } else {
    const credential = new ManagedIdentityCredential(storage.clientId ? { clientId: storage.clientId } : {});
    const options = { allowInsecureConnection: isHttp(storage.tableEndpoint), retryOptions: RETRY, additionalPolicies: policies(prefix, observe) };
    service = new TableServiceClient(storage.tableEndpoint, credential, options);
    make = (table) => new TableClient(storage.tableEndpoint, table, credential, options);
  }
  const client = (name: TableName): TableClient => {
    if (!/^[A-Za-z][A-Za-z0-9]{2,40}$/.test(name)) throw new Error(`invalid table name ${name}`);
    let c = clients.get(name);
    if (!c) {
      c = make(prefix + name);
      clients.set(name, c);
    }
    return c;
  };
  return {
    client,
    async ensureTables(names) {
      await Promise.all([...new Set(names)].map((name) => createIfMissing(client(name))));
    },
    async listTables(namePrefix) {
      const from = prefix + namePrefix;
      // Table names are letters and digits: every name with this prefix sorts below prefix + '~'.
      const names: TableName[] = [];
      for await (const t of service.listTables({ queryOptions: { filter: odata`TableName ge ${from} and TableName lt ${from + '~'}` } })) {
        if (t.name?.startsWith(from)) names.push(t.name.slice(prefix.length));
      }
      return names;
    },
    async deleteTable(name) {
      try {
        await service.deleteTable(client(name).tableName);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
    async ping() {
      // Listing one table proves the account answers and our credentials work.
      const iter = service.listTables().byPage({ maxPageSize: 1 });
      await iter.next();
    },
  };
}

async function createIfMissing(client: TableClient): Promise<void> {
  try {
    await client.createTable();
  } catch (e) {
    if (!(e instanceof RestError && e.statusCode === 409)) throw e;
  }
}

export function isNotFound(e: unknown): boolean {
  return e instanceof RestError && e.statusCode === 404;
}

export function isConflict(e: unknown): boolean {
  return e instanceof RestError && (e.statusCode === 409 || e.statusCode === 412);
}

/**
 * The store is down, slow or unreachable (no answer, a timeout, a refused connection, a 5xx):
 * what a person is told plainly, unlike a bug. A 4xx is a request the store understood.
 */
export function isStoreUnavailable(e: unknown): boolean {
  if (!(e instanceof RestError)) return false;
  return e.statusCode === undefined || e.statusCode >= 500 || e.code === 'REQUEST_SEND_ERROR';
}

/** Where the store is, for messages: the table endpoint, never the key. */
export function storeLocation(storage: ResolvedStorage): string {
  if (storage.kind === 'managed-identity') return storage.tableEndpoint;
  const endpoint = /TableEndpoint=([^;]+)/i.exec(storage.connectionString)?.[1];
  const account = /AccountName=([^;]+)/i.exec(storage.connectionString)?.[1];
  return endpoint ?? (account ? `the account ${account}` : 'the configured account');
}

/** One line naming the fix for a store that failed at start-up, or undefined when it is not the store's. */
export function describeStoreFailure(e: unknown, storage: ResolvedStorage): string | undefined {
  if (e instanceof StoreSetupError) return e.message;
  if (!(e instanceof RestError)) return undefined;
  if (e.statusCode === 401 || e.statusCode === 403) {
    return storage.kind === 'managed-identity'
      ? `storage at ${storeLocation(storage)} refused the managed identity (${e.statusCode}): give it the Storage Table Data Contributor role on the account.`
      : `storage at ${storeLocation(storage)} refused the credentials (${e.statusCode}): check the AccountKey in STORAGE_CONNECTION_STRING.`;
  }
  if (isStoreUnavailable(e)) {
    return `storage at ${storeLocation(storage)} did not answer (${e.code ?? e.statusCode ?? 'no response'}): check the endpoint in ${storage.kind === 'managed-identity' ? 'STORAGE_TABLE_ENDPOINT' : 'STORAGE_CONNECTION_STRING'} and that the account is reachable.`;
  }
  return `storage at ${storeLocation(storage)} answered ${e.statusCode ?? ''} ${e.code ?? ''}: ${e.message.split('\n')[0]!.slice(0, 200)}`.replace(/\s+/g, ' ');
}
