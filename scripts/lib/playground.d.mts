export type PlaygroundChannel = 'msteams' | 'directline' | 'webchat' | 'emulator' | 'agents';

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages */
  botEndpoint: string;
  /** Port for the Playground (UI + mock connector). Default: a free port. */
  port?: number;
  /** Channel id put on activities. Default 'msteams'. */
  channelId?: PlaygroundChannel;
  /** Path of a .m365agentsplayground.yml to use (tenant, users, team, ...). */
  configFile?: string;
  /** Override the mock connector serviceUrl (default http://localhost:<port>/_connector). */
  serviceUrl?: string;
  /** Bound for the server to answer HTTP. Default 60 s. */
  startTimeoutMs?: number;
  /** Extra environment variables for the child. */
  env?: Record<string, string>;
}

export interface Playground {
  /** UI base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Mock Bot Connector base the bot must reply to (activity.serviceUrl). */
  serviceUrl: string;
  /** The Playground's own log file (request/response log of the mock connector). */
  logFile: string;
  pid: number;
  /** Milliseconds from spawn until the HTTP server answered. */
  startupMs: number;
  /** stdout+stderr captured so far. */
  output(): string;
  /** SIGTERM the process group, wait for exit (SIGKILL after 5 s), clean the temp dir. */
  stop(): Promise<void>;
}


export declare function playgroundCliPath(): string;
export declare function getFreePort(host?: string): Promise<number>;
export declare function playgroundEnv(logFile: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
export declare function startPlayground(options: StartPlaygroundOptions): Promise<Playground>;
