import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  authorization?: string;
}

export interface ServerAnswer {
  status: number;
  body: unknown;
}

/**
 * A local HTTP server standing in for the eks-encryption backend; `answer`
 * decides each response from the request.
 */
export async function startEntitiesServer(
  answer: (request: RecordedRequest) => ServerAnswer,
) {
  const requests: RecordedRequest[] = [];
  const record = (req: IncomingMessage): RecordedRequest => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    return {
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
    };
  };
  const server = createServer((req, res) => {
    const request = record(req);
    requests.push(request);
    const { status, body } = answer(request);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/eks-encryption`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(err => (err ? reject(err) : resolve())),
      ),
  };
}
