/**
 * What serializing replies through the shared zod response schemas costs, in CPU time (wall time
 * means little on a loaded machine): a 500-asset list page and one Service, each with plain
 * JSON.stringify and through the schema (what fastify-type-provider-zod's serializer does).
 *
 *   npx tsx bench/api-serialize.ts
 */
import { z } from 'zod';
import { assetSchema, listSchema, serviceSchema, type Asset, type Service } from '../app/shared/api-schemas.ts';

const when = '2026-01-01T00:00:00Z';
const asset = (i: number): Asset => ({
  sid: `ZH${i}`,
  account_sid: 'AC1',
  service_sid: 'ZS1',
  friendly_name: `/f${i}.txt`,
  date_created: when,
  date_updated: when,
  url: 'http://127.0.0.1:3000/v1/Services/ZS1/Assets/ZH1',
  links: { asset_versions: 'http://127.0.0.1:3000/v1/Services/ZS1/Assets/ZH1/Versions' },
  latest_version: {
    sid: `ZN${i}`,
    account_sid: 'AC1',
    service_sid: 'ZS1',
    asset_sid: `ZH${i}`,
    path: `/f${i}.txt`,
    visibility: 'public',
    date_created: when,
    url: 'http://127.0.0.1:3000/v1/Services/ZS1/Assets/ZH1/Versions/ZN1',
    size: 10,
    content_type: 'text/plain; charset=utf-8',
    sha256: 'ab'.repeat(32),
    links: { asset_version_content: 'http://127.0.0.1:3000/v1/Services/ZS1/Assets/ZH1/Versions/ZN1/Content' },
    metadata_removed: false,
  },
});
const page = {
  assets: Array.from({ length: 500 }, (_, i) => asset(i)),
  meta: {
    first_page_url: 'u',
    key: 'assets',
    next_page_url: null,
    page: 0,
    page_size: 500,
    previous_page_url: null,
    url: 'u',
  },
};
const service: Service = {
  sid: 'ZS1',
  account_sid: 'AC1',
  friendly_name: 'Demo',
  unique_name: 'demo',
  include_credentials: true,
  ui_editable: false,
  domain_base: 'demo-1234',
  date_created: when,
  date_updated: when,
  url: 'u',
  links: { environments: 'u', functions: 'u', assets: 'u', builds: 'u' },
};

/** Mean CPU milliseconds per call of `f`, after a warm-up. */
function cpuMs(f: () => void, runs: number): number {
  for (let i = 0; i < 50; i++) f();
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / runs;
}

const pageSchema = listSchema('assets', assetSchema);
for (const [name, body, schema, runs] of [
  ['500-asset page', page, pageSchema, 300],
  ['one Service', service, serviceSchema, 20_000],
] as const) {
  const plain = cpuMs(() => JSON.stringify(body), runs);
  const checked = cpuMs(() => JSON.stringify(z.safeEncode(schema as z.ZodType, body).data), runs);
  console.log(
    `${name}: JSON.stringify ${(plain * 1000).toFixed(1)} µs, through the schema ${(checked * 1000).toFixed(1)} µs CPU`,
  );
}
