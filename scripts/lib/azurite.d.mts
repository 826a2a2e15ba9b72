export declare const AZURITE_ACCOUNT: string;
export declare const AZURITE_KEY: string;
export declare function azuriteConnectionString(tableEndpoint: string): string;
export interface RunningAzurite {
  connectionString: string;
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}
export declare function startAzurite(options?: { host?: string; port?: number; location?: string; inMemory?: boolean }): Promise<RunningAzurite>;
