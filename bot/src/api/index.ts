// The tab API (JSON over HTTP under the bot server). Routes are registered here by feature.
import type restify from 'restify';
import type { AppConfig } from '../config';

export interface ApiDeps {
  config: AppConfig;
}

export function registerApi(_server: restify.Server, _deps: ApiDeps): void {
  // Tab API routes land with the tabs feature.
}
