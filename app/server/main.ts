import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();
const { app, signInToken } = await buildApp(config);
await app.listen({ port: config.port, host: config.host });

const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const editor = `http://localhost:${port}`;
console.log(`
  Assets Studio is running.

  Editor:       ${editor}/
  Sign in:      ${editor}/auth/sign-in?token=${signInToken}
  API:          ${editor}/v1  (HTTP Basic: Account SID + Auth Token)
  Account SID:  ${config.accountSid}${config.credentialsGenerated ? `\n  Auth Token:   ${config.authToken}  (new; saved in ${config.dataDir}/credentials.json)` : ''}
  Environments: http://<service>-<digits>[-<suffix>].${config.domainBase}/
  Data:         ${config.dataDir}
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
