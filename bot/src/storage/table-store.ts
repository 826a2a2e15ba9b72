// Creates the Table clients for the configured account and the tables the app uses.
import { ManagedIdentityCredential } from '@azure/identity';
import { RestError, TableClient, TableServiceClient } from '@azure/data-tables';
import type { StorageConfig } from '../config';

/** Tables of the foundation; each feature's storage module exports its own list. */
export const CORE_TABLES = ['Conversations', 'Counters', 'Seeds'] as const;
/** Logical table name (letters/digits); the configured prefix is added in front. */
export type TableName = string;

export interface TableStore {
  client(name: TableName): TableClient;
  ensureTables(names: readonly TableName[]): Promise<void>;
  /** Cheap round trip used by /healthz. */
  ping(): Promise<void>;
}

/** A person is waiting on most calls: fail within about a second rather than retry for ten. */
const RETRY = { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 800 };

type ResolvedStorage = Exclude<StorageConfig, { kind: 'embedded' }>;

export function createTableStore(storage: ResolvedStorage, prefix: string): TableStore {
  const clients = new Map<TableName, TableClient>();
  const isHttp = (url: string) => url.startsWith('http://');
  let service: TableServiceClient;
  let make: (table: string) => TableClient;
  if (storage.kind === 'connection-string') {
    const insecure = /DefaultEndpointsProtocol=http;|TableEndpoint=http:\/\//i.test(storage.connectionString) || /UseDevelopmentStorage=true/i.test(storage.connectionString);
    const options = { allowInsecureConnection: insecure, retryOptions: RETRY };
    service = TableServiceClient.fromConnectionString(storage.connectionString, options);
    make = (table) => TableClient.fromConnectionString(storage.connectionString, table, options);
  } else {
    const credential = new ManagedIdentityCredential(storage.clientId ? { clientId: storage.clientId } : {});
    const options = { allowInsecureConnection: isHttp(storage.tableEndpoint), retryOptions: RETRY };
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
