import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionsConfig, loadConfig } from './config.ts';

describe('configuration', () => {
  it('generates credentials on first start, saves them 0600, and reuses them', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'data');
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(first.credentialsGenerated).toBe(true);
    expect(first.accountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(first.authToken).toMatch(/^[0-9a-f]{32}$/);
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    const again = loadConfig({ DATA_DIR: dataDir });
    expect(again.credentialsGenerated).toBe(false);
    expect(again.authToken).toBe(first.authToken);
  });

  it('uses defaults, and the settings given', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const defaults = loadConfig({ DATA_DIR: dataDir });
    expect(defaults).toMatchObject({ port: 3000, host: '127.0.0.1', domainBase: 'localhost:3000' });
    const set = loadConfig({
      DATA_DIR: dataDir,
      PORT: '8080',
      HOST: '0.0.0.0',
      DOMAIN_BASE: 'Assets.Example.test',
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'b'.repeat(32),
    });
    expect(set).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      domainBase: 'assets.example.test',
      authToken: 'b'.repeat(32),
    });
    // Unset: the store derives it from the grace period (an hour at least).
    expect(defaults.staleUploadMs).toBeUndefined();
    expect(loadConfig({ DATA_DIR: dataDir, STALE_UPLOAD_SECONDS: '5' }).staleUploadMs).toBe(5000);
  });

  it('refuses malformed settings with a clear message', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cfg-'));
    expect(() => loadConfig({ DATA_DIR: dataDir, PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATA_DIR: dataDir, WORKERS: '0' })).toThrow(/WORKERS/);
    expect(() => loadConfig({ DATA_DIR: dataDir, ASSET_CACHE_MB: 'lots' })).toThrow(/ASSET_CACHE_MB/);
    expect(() => loadConfig({ DATA_DIR: dataDir, STALE_UPLOAD_SECONDS: '0' })).toThrow(/STALE_UPLOAD_SECONDS/);
    expect(() =>
      loadConfig({ DATA_DIR: dataDir, TWILIO_ACCOUNT_SID: 'AC123', TWILIO_AUTH_TOKEN: 'x'.repeat(32) }),
    ).toThrow(/TWILIO_ACCOUNT_SID/);
    expect(() => loadConfig({ DATA_DIR: dataDir, TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}` })).toThrow(
      /TWILIO_AUTH_TOKEN/,
    );
  });

  it('reads the Functions settings, with Twilio-like defaults, and refuses bad ones', () => {
    expect(functionsConfig({})).toEqual({
      timeoutMs: 10_000,
      idleMs: 300_000,
      concurrency: 30,
      memoryMb: 256,
      twilioApi: 'twilio',
    });
    expect(functionsConfig({ FUNCTIONS_TWILIO_API: 'local', FUNCTIONS_TIMEOUT_MS: '2500' })).toMatchObject({
      twilioApi: 'local',
      timeoutMs: 2500,
    });
    expect(functionsConfig({ FUNCTIONS_TWILIO_API: 'http://127.0.0.1:9000/' }).twilioApi).toBe('http://127.0.0.1:9000');
    expect(() => functionsConfig({ FUNCTIONS_TWILIO_API: 'elsewhere' })).toThrow(/FUNCTIONS_TWILIO_API/);
    expect(() => functionsConfig({ FUNCTIONS_TIMEOUT_MS: '1.5' })).toThrow(/FUNCTIONS_TIMEOUT_MS/);
    expect(() => functionsConfig({ FUNCTIONS_CONCURRENCY: '0' })).toThrow(/FUNCTIONS_CONCURRENCY/);
  });
});
