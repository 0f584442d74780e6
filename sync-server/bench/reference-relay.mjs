// The reference relay for the benchmark: @y/websocket-server 0.1.1's own utilities (setupWSConnection),
// wired exactly like its bin/server.js, with no persistence, no auth and no limits. Prints its port.
import http from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`reference relay listening on http://127.0.0.1:${server.address().port}`);
});
