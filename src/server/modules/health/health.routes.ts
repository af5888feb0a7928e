import type { App } from '../../http';
import { route } from '../../http';
import type { Deps } from '../../platform/context';
import { health } from '../../../shared/api';
import { currentSchemaVersion } from '../../db/migrate';
import pkg from '../../../../package.json' with { type: 'json' };

export function healthRoutes(app: App, deps: Deps) {
  let version: string | null = null; // the schema does not change while the process runs
  route(app, {
    method: 'GET',
    url: '/api/health',
    access: 'public',
    summary: 'Is the platform up? Database kind and schema version',
    tags: ['platform'],
    schema: { response: { 200: health } },
    handler: async () => ({ status: 'ok' as const, database: deps.kind, schemaVersion: (version ??= (await currentSchemaVersion(deps.db)) ?? 'none'), version: pkg.version }),
  });
}
