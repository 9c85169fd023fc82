// `npm run dev`: the API server from the sources in watch mode (one process, restarted when a
// server file changes) and Vite's dev server for the editor, which proxies /v1 and /auth to it.
// Stops both when either stops or on Ctrl+C.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const apiPort = process.env.PORT ?? '3000';
const env = {
  ...process.env,
  PORT: apiPort,
  WORKERS: '1',
  ASSETS_STUDIO_API: `http://127.0.0.1:${apiPort}`,
  // The banner's links point at Vite, and the sign-in link outlives the server's restarts.
  EDITOR_ORIGIN: 'http://localhost:5173',
  ASSETS_STUDIO_SIGN_IN_TOKEN: randomBytes(24).toString('base64url'),
};
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'app/server/main.ts'], { stdio: 'inherit', env }),
  spawn('npx', ['vite'], { stdio: 'inherit', env }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
