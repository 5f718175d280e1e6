import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  clusterFixture,
  clusterTargetOf,
  testCredentialsManager,
} from '../__testUtils__/awsFixtures';
import { quickRetryStrategy } from '../__testUtils__/quickRetryStrategy';
import { SdkAwsSource } from './SdkAwsSource';

/*
 * Runs the real SDK clients (middleware, retries, timeouts, protocol parsing) against a
 * fake AWS endpoint on 127.0.0.1: what aws-sdk-client-mock, which replaces `send`,
 * cannot show.
 */

interface SeenRequest {
  method?: string;
  url?: string;
  target?: string;
}

type Reply =
  | { status: number; headers?: Record<string, string>; body: unknown }
  | 'hang';

class FakeAws {
  readonly requests: SeenRequest[] = [];
  private replies: Reply[] = [];
  private server?: Server;
  private hungClosed?: () => void;
  /** Settles when the client closes a request left hanging. */
  readonly hungRequestClosed = new Promise<void>(resolve => {
    this.hungClosed = resolve;
  });

  /** Answers the next requests in this order; the last reply repeats. A string body is sent as is. */
  reply(...replies: Reply[]): void {
    this.replies = replies;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    req.resume();
    req.on('end', () => {
      this.requests.push({
        method: req.method,
        url: req.url,
        target: req.headers['x-amz-target'] as string | undefined,
      });
      const reply =
        this.replies.length > 1 ? this.replies.shift()! : this.replies[0];
      if (!reply || reply === 'hang') {
        res.on('close', () => this.hungClosed?.());
        return;
      }
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        ...reply.headers,
      });
      res.end(
        typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body),
      );
    });
  }
}

const cluster = clusterFixture({ name: 'prod' });
const keyArn =
  'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const at = { accountId: '111122223333', region: 'eu-west-1' };

const eksCluster = {
  cluster: {
    name: 'prod',
    arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod',
    version: '1.29',
    createdAt: 1705312800,
    status: 'ACTIVE',
    encryptionConfig: [{ resources: ['secrets'], provider: { keyArn } }],
    tags: { owner: 'team-a' },
  },
};
const kmsKey = {
  KeyMetadata: {
    AWSAccountId: '111122223333',
    KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    Arn: keyArn,
    KeyManager: 'CUSTOMER',
    KeyState: 'Enabled',
    KeySpec: 'SYMMETRIC_DEFAULT',
    Origin: 'AWS_KMS',
    MultiRegion: false,
  },
};
const KMS_JSON = { 'content-type': 'application/x-amz-json-1.1' };

describe('SdkAwsSource over HTTP', () => {
  let aws: FakeAws;
  let endpoint: string;

  beforeEach(async () => {
    aws = new FakeAws();
    endpoint = await aws.start();
  });
  afterEach(() => aws.stop());

  function source(
    options: { callTimeoutMs?: number; maxAttempts?: number } = {},
  ) {
    const maxAttempts = options.maxAttempts ?? 5;
    return new SdkAwsSource({
      credentialsManager: testCredentialsManager(),
      endpoint,
      callTimeoutMs: options.callTimeoutMs,
      maxAttempts,
      // The SDK's retry rule with millisecond delays (the adaptive backoff takes seconds).
      retryStrategy: quickRetryStrategy(maxAttempts),
    });
  }

  it('speaks REST-JSON to EKS and JSON 1.1 to KMS', async () => {
    aws.reply({ status: 200, body: eksCluster });
    const described = await source().describeCluster(clusterTargetOf(cluster));
    expect(described).toMatchObject({
      ok: true,
      value: {
        createdAt: '2024-01-15T10:00:00.000Z',
        encryptionKeyRefs: [keyArn],
      },
    });
    aws.reply({ status: 200, headers: KMS_JSON, body: kmsKey });
    await expect(source().describeKey(keyArn, at)).resolves.toMatchObject({
      ok: true,
      value: { arn: keyArn, keyManager: 'CUSTOMER' },
    });
    expect(aws.requests).toEqual([
      { method: 'GET', url: '/clusters/prod' },
      { method: 'POST', url: '/', target: 'TrentService.DescribeKey' },
    ]);
  });

  it('aborts a hung call at the call timeout', async () => {
    aws.reply('hang');
    const result = await source({ callTimeoutMs: 300 }).describeCluster(
      clusterTargetOf(cluster),
    );
    expect(result).toMatchObject({
      ok: false,
      kind: 'failed',
      action: 'eks:DescribeCluster',
      message: expect.stringMatching(/^TimeoutError: no answer within 300 ms/),
    });
    // The SDK really dropped the connection: the server never closes it itself.
    await aws.hungRequestClosed;
  });

  it('aborts a hung KMS call at the call timeout', async () => {
    aws.reply('hang');
    await expect(
      source({ callTimeoutMs: 300 }).getKeyPolicy(keyArn, at),
    ).resolves.toMatchObject({
      ok: false,
      kind: 'failed',
      message: expect.stringContaining('TimeoutError'),
    });
  });

  it('retries EKS throttling (429) until it succeeds', async () => {
    const throttled = {
      status: 429,
      headers: { 'x-amzn-ErrorType': 'ThrottlingException' },
      body: { message: 'Rate exceeded' },
    };
    aws.reply(throttled, throttled, { status: 200, body: eksCluster });
    const result = await source().describeCluster(clusterTargetOf(cluster));
    expect(result.ok).toBe(true);
    expect(aws.requests).toHaveLength(3);
  });

  it('retries KMS throttling (400 ThrottlingException) until it succeeds', async () => {
    const throttled = {
      status: 400,
      headers: KMS_JSON,
      body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
    };
    aws.reply(throttled, throttled, {
      status: 200,
      headers: KMS_JSON,
      body: { KeyRotationEnabled: true, RotationPeriodInDays: 90 },
    });
    await expect(source().getKeyRotationStatus(keyArn, at)).resolves.toEqual({
      ok: true,
      value: { enabled: true, periodInDays: 90 },
    });
    expect(aws.requests).toHaveLength(3);
  });

  it('gives up after maxAttempts and reports failed', async () => {
    aws.reply({
      status: 503,
      body: { message: 'Service Unavailable' },
      headers: { 'x-amzn-ErrorType': 'ServiceUnavailableException' },
    });
    await expect(
      source({ maxAttempts: 2 }).describeCluster(clusterTargetOf(cluster)),
    ).resolves.toMatchObject({ ok: false, kind: 'failed' });
    expect(aws.requests).toHaveLength(2);
  });

  it('EKS AccessDeniedException (403) is access-denied, not retried', async () => {
    aws.reply({
      status: 403,
      headers: { 'x-amzn-ErrorType': 'AccessDeniedException' },
      body: { message: 'not authorized to perform eks:DescribeCluster' },
    });
    await expect(
      source().describeCluster(clusterTargetOf(cluster)),
    ).resolves.toMatchObject({
      ok: false,
      kind: 'access-denied',
      message:
        'AccessDeniedException: not authorized to perform eks:DescribeCluster',
    });
    expect(aws.requests).toHaveLength(1);
  });

  it('KMS AccessDeniedException (400 __type) is access-denied', async () => {
    aws.reply({
      status: 400,
      headers: KMS_JSON,
      body: {
        __type: 'AccessDeniedException',
        message: 'not authorized to perform kms:GetKeyPolicy',
      },
    });
    await expect(source().getKeyPolicy(keyArn, at)).resolves.toMatchObject({
      ok: false,
      kind: 'access-denied',
      action: 'kms:GetKeyPolicy',
      accountId: '111122223333',
      message:
        'AccessDeniedException: not authorized to perform kms:GetKeyPolicy',
    });
  });

  it('KMS NotFoundException is not-found', async () => {
    aws.reply({
      status: 400,
      headers: KMS_JSON,
      body: { __type: 'NotFoundException', message: 'Key does not exist' },
    });
    await expect(source().describeKey(keyArn, at)).resolves.toMatchObject({
      ok: false,
      kind: 'not-found',
    });
  });

  it('an unparseable answer is failed', async () => {
    aws.reply({ status: 200, body: '{"cluster": {"name": ' });
    await expect(
      source().describeCluster(clusterTargetOf(cluster)),
    ).resolves.toMatchObject({ ok: false, kind: 'failed' });
  });
});
