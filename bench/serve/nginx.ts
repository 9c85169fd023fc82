import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { waitForHttp } from './wait.ts';

/** Where nginx is: PATH for root, /usr/sbin otherwise (Debian keeps it out of users' PATH). */
export const NGINX_CANDIDATES = ['nginx', '/usr/sbin/nginx'];

/**
 * How the reference nginx is tuned, as a fast production nginx serving static files would be:
 * printed by the benchmark so that its figures say what they were compared with.
 */
export const NGINX_TUNING = `worker_processes ${availableParallelism()} (= cores), sendfile, tcp_nopush, tcp_nodelay, open_file_cache (max=10000, valid 60s), keepalive_requests 100000, access_log off`;

function config(dir: string, root: string, port: number): string {
  const temp = (name: string) => join(dir, name);
  return `worker_processes ${availableParallelism()};
daemon off;
master_process on;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  open_file_cache max=10000 inactive=60s;
  open_file_cache_valid 60s;
  open_file_cache_min_uses 1;
  open_file_cache_errors on;
  keepalive_requests 100000;
  client_body_temp_path ${temp('client_body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`;
}

/** nginx in the foreground with everything it writes under `dir`, serving `root`. */
export async function startNginx(binary: string, dir: string, root: string, port: number): Promise<ChildProcess> {
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, config(dir, root, port));
  // -e: without it nginx first opens the compiled-in error log, which a non-root user cannot.
  const child = spawn(binary, ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, child);
  } catch (err) {
    let log = '';
    try {
      log = readFileSync(join(dir, 'error.log'), 'utf-8');
    } catch {
      // no log written
    }
    throw new Error(`nginx did not start: ${(err as Error).message}\n${stderr}${log}`);
  }
  return child;
}
