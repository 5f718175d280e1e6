import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsRetrySettings } from '../config';
import { SdkAwsSource, type SdkAwsSourceOptions } from '../aws/SdkAwsSource';
import type { AwsAction } from 'backstage-plugin-eks-encryption-node';
import {
  answerFixtureRequest,
  defaultHttpStatus,
  type FixtureRequest,
} from './awsAnswers';
import {
  fixture,
  FIXTURE_ACCOUNT,
  listingOf,
  type AwsFixture,
} from './awsEstate';
import { testCredentialsManager } from './testCredentials';

/*
 * EKS and KMS on 127.0.0.1, answering from an `AwsFixture` over the real wire protocols
 * (EKS: REST-JSON paths; KMS: JSON 1.1 with X-Amz-Target), so tests run the real SDK
 * clients, their serialisation, errors and aborts, and our retries. Listings are paged
 * as AWS pages them (ListClusters by the `maxResults` asked, up to 100). Faults can be
 * injected per action; requests are counted per action.
 */

/**
 * A fault an action answers with instead of the estate's answer. `times` makes it pass
 * after that many requests (a burst); without it the fault never passes (a storm).
 */
export type FakeFault =
  | { kind: 'access-denied' }
  | { kind: 'not-found' }
  | { kind: 'throttle'; times?: number }
  | { kind: 'server-error'; times?: number }
  /** No answer at all: the client has to abort. */
  | { kind: 'hang'; times?: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed'; times?: number }
  /** The estate's answer, sent `delayMs` later (nothing if the client gives up first). */
  | { kind: 'slow'; delayMs: number; times?: number }
  /** Any answer; an object body is sent as JSON, a string as is. */
  | {
      kind: 'reply';
      status: number;
      body: unknown;
      headers?: Record<string, string>;
      times?: number;
    };

/** Retry settings that make a persistent fault give up in well under a second. */
const FAST_RETRY: AwsRetrySettings = {
  attemptTimeoutMs: 250,
  callBudgetMs: 600,
  baseDelayMs: 2,
  maxDelayMs: 20,
};

/** The SDK's adaptive token bucket, refilling in milliseconds instead of seconds. */
const FAST_RATE_LIMITER = { minFillRate: 1000 };

/** The page a listing request asks for: its token and, for ListClusters, `maxResults`. */
interface PageAsked {
  token?: string;
  size?: number;
}

interface ArmedFault {
  action: AwsAction;
  fault: FakeFault;
  resource?: string;
  left: number;
}

/** One request as the endpoint understood it. */
export interface FakeAwsRequest {
  action: AwsAction;
  accountId: string;
  region: string;
  /** Cluster name (EKS), `KeyId` as sent (KMS), `<accountId>/<region>` (ListClusters). */
  resource: string;
}

const KMS_JSON = 'application/x-amz-json-1.1';
const EKS_PATH =
  /^\/clusters\/([^/?]+)(?:\/updates(?:\/([^/?]+))?)?(?:\?(.*))?$/;
const LIST_CLUSTERS_PATH = /^\/clusters\/?(?:\?(.*))?$/;
/** `maxResults` EKS accepts for ListClusters, and its default. */
const MAX_CLUSTERS_PAGE = 100;
// SigV4: Credential=<access key id>/<date>/<region>/<service>/aws4_request
const CREDENTIAL = /Credential=AKIDFIXTURE(\d{12})\/\d+\/([^/]+)\//;

type ErrorAnswer = [status: number, name: string, message: string];

/** The AWS error of each fault, as [EKS, KMS] answer it. */
const FAULT_ERRORS: Record<
  'access-denied' | 'not-found' | 'throttle' | 'server-error',
  [ErrorAnswer, ErrorAnswer]
> = {
  'access-denied': [
    [
      403,
      'AccessDeniedException',
      'User is not authorized to perform this action',
    ],
    [
      400,
      'AccessDeniedException',
      'User is not authorized to perform this action',
    ],
  ],
  'not-found': [
    [404, 'ResourceNotFoundException', 'No cluster found'],
    [400, 'NotFoundException', 'Key does not exist'],
  ],
  throttle: [
    [429, 'ThrottlingException', 'Rate exceeded'],
    [400, 'ThrottlingException', 'Rate exceeded'],
  ],
  'server-error': [
    [503, 'ServiceUnavailableException', 'Service unavailable, try again'],
    [500, 'KMSInternalException', 'Internal error, try again'],
  ],
};

/** Dates as the AWS JSON protocols send them: epoch seconds. */
function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toWire(v)]),
    );
  }
  return value;
}

/** The resource a request acts on, as faults and {@link FakeAwsRequest} name it. */
function resourceOf(request: FixtureRequest): string {
  if ('name' in request) return request.name;
  if ('keyId' in request) return request.keyId;
  return listingOf(request);
}

function pageOf<T>(items: T[], token: string | undefined, size: number) {
  const start = token ? Number(token) : 0;
  const end = start + size;
  return {
    items: items.slice(start, end),
    next: end < items.length ? String(end) : undefined,
  };
}

export class FakeAwsEndpoint {
  /** Listens on a free port of 127.0.0.1; `estate` is what it answers from. */
  static async start(
    estate: AwsFixture = fixture(),
    options: { updatesPageSize?: number; tagsPageSize?: number } = {},
  ): Promise<FakeAwsEndpoint> {
    const endpoint = new FakeAwsEndpoint(estate, options);
    await new Promise<void>(resolve =>
      endpoint.server.listen(0, '127.0.0.1', resolve),
    );
    return endpoint;
  }

  /** Every request, in order of arrival. */
  readonly requests: FakeAwsRequest[] = [];
  private readonly server: Server;
  private faults: ArmedFault[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly delayed = new Set<NodeJS.Timeout>();
  private hangClosed: (() => void)[] = [];
  private readonly sources: SdkAwsSource[] = [];

  private constructor(
    /** The estate answered from; change it freely between calls. */
    public estate: AwsFixture,
    private readonly pages: { updatesPageSize?: number; tagsPageSize?: number },
  ) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  /** `http://127.0.0.1:<port>`, for `eksEncryption.aws.endpoint`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Makes `action` (on `resource` only, when given) answer with `fault`. Later faults win. */
  fault(
    action: AwsAction,
    fault: FakeFault,
    options: { resource?: string } = {},
  ): this {
    const times = 'times' in fault ? fault.times : undefined;
    this.faults.unshift({
      action,
      fault,
      resource: options.resource,
      left: times ?? Infinity,
    });
    return this;
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Requests received for `action` (every action without it). */
  calls(action?: AwsAction): number {
    return this.requests.filter(r => !action || r.action === action).length;
  }

  /** Requests left hanging that the client has not closed yet. */
  get hangingRequests(): number {
    return this.hanging.size;
  }

  /** Settles once every hung request has been closed by its client. */
  hungRequestsClosed(): Promise<void> {
    if (this.hanging.size === 0) return Promise.resolve();
    return new Promise(resolve => this.hangClosed.push(resolve));
  }

  /**
   * An `SdkAwsSource` on this endpoint with credentials for every account (or only
   * `accounts`), {@link FAST_RETRY} and {@link FAST_RATE_LIMITER}; `stop` destroys it.
   */
  sdkSource(
    options: Partial<SdkAwsSourceOptions> & { accounts?: string[] } = {},
  ): SdkAwsSource {
    const { accounts, retry, ...rest } = options;
    const source = new SdkAwsSource({
      credentialsManager: testCredentialsManager(accounts),
      endpoint: this.url,
      rateLimiter: FAST_RATE_LIMITER,
      ...rest,
      retry: { ...FAST_RETRY, ...retry },
    });
    this.sources.push(source);
    return source;
  }

  /** Destroys the sources it made, drops every connection and closes the port. */
  async stop(): Promise<void> {
    for (const source of this.sources.splice(0)) source.destroy();
    for (const timer of this.delayed) clearTimeout(timer);
    this.delayed.clear();
    this.server.closeAllConnections();
    await new Promise(resolve => this.server.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const parsed = this.parse(req, Buffer.concat(chunks).toString('utf8'));
      if (!parsed) {
        res.writeHead(400).end('{"message":"not an EKS or KMS request"}');
        return;
      }
      const { request, page } = parsed;
      const resource = resourceOf(request);
      this.requests.push({
        action: request.action,
        accountId: request.accountId,
        region: request.region,
        resource,
      });
      const kms = request.action.startsWith('kms:');
      const armed = this.faults.find(
        f =>
          f.action === request.action &&
          f.left > 0 &&
          (f.resource === undefined || f.resource === resource),
      );
      if (armed) {
        armed.left -= 1;
        if (armed.fault.kind === 'slow') {
          this.answerLater(res, armed.fault.delayMs, () =>
            this.sendAnswer(res, request, page, kms),
          );
        } else {
          this.sendFault(res, armed.fault, kms);
        }
        return;
      }
      this.sendAnswer(res, request, page, kms);
    });
  }

  private parse(
    req: IncomingMessage,
    body: string,
  ): { request: FixtureRequest; page: PageAsked } | undefined {
    const signed = CREDENTIAL.exec(req.headers.authorization ?? '');
    const at = {
      accountId: signed?.[1] ?? FIXTURE_ACCOUNT,
      region: signed?.[2] ?? 'us-east-1',
    };
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string' && target.startsWith('TrentService.')) {
      const action = `kms:${target.slice('TrentService.'.length)}`;
      let input: { KeyId?: string; Marker?: string } = {};
      try {
        input = JSON.parse(body || '{}');
      } catch {
        return undefined;
      }
      const { KeyId, Marker } = input;
      return {
        request: {
          ...at,
          action: action as 'kms:DescribeKey',
          keyId: KeyId ?? '',
        },
        page: { token: Marker },
      };
    }
    if (req.method !== 'GET') return undefined;
    const listing = LIST_CLUSTERS_PATH.exec(req.url ?? '');
    if (listing) {
      const query = new URLSearchParams(listing[1] ?? '');
      const maxResults = query.get('maxResults');
      return {
        request: { ...at, action: 'eks:ListClusters' },
        page: {
          token: query.get('nextToken') ?? undefined,
          size: maxResults === null ? undefined : Number(maxResults),
        },
      };
    }
    const path = EKS_PATH.exec(req.url ?? '');
    if (!path) return undefined;
    const name = decodeURIComponent(path[1]);
    if (path[2]) {
      const updateId = decodeURIComponent(path[2]);
      return {
        request: { ...at, action: 'eks:DescribeUpdate', name, updateId },
        page: {},
      };
    }
    if (!req.url!.includes('/updates')) {
      return {
        request: { ...at, action: 'eks:DescribeCluster', name },
        page: {},
      };
    }
    const query = new URLSearchParams(path[3] ?? '');
    return {
      request: { ...at, action: 'eks:ListUpdates', name },
      page: { token: query.get('nextToken') ?? undefined },
    };
  }

  private sendAnswer(
    res: ServerResponse,
    request: FixtureRequest,
    page: PageAsked,
    kms: boolean,
  ): void {
    const pageToken = page.token;
    if (
      request.action === 'eks:ListClusters' &&
      page.size !== undefined &&
      !(
        Number.isInteger(page.size) &&
        page.size >= 1 &&
        page.size <= MAX_CLUSTERS_PAGE
      )
    ) {
      this.sendError(
        res,
        kms,
        400,
        'InvalidParameterException',
        `maxResults must be between 1 and ${MAX_CLUSTERS_PAGE}`,
      );
      return;
    }
    const answer = answerFixtureRequest(this.estate, request);
    if (!answer.ok) {
      const status =
        answer.error.httpStatus ??
        defaultHttpStatus(kms ? 'kms' : 'eks', answer.error.name);
      this.sendError(
        res,
        kms,
        status,
        answer.error.name,
        answer.error.message ?? answer.error.name,
      );
      return;
    }
    let output = answer.output as Record<string, unknown>;
    if (request.action === 'eks:ListClusters') {
      const { items, next } = pageOf(
        output.clusters as string[],
        pageToken,
        page.size ?? MAX_CLUSTERS_PAGE,
      );
      output = { clusters: items, nextToken: next };
    } else if (request.action === 'eks:ListUpdates') {
      const { items, next } = pageOf(
        output.updateIds as string[],
        pageToken,
        this.pages.updatesPageSize ?? 100,
      );
      output = { updateIds: items, nextToken: next };
    } else if (request.action === 'kms:ListResourceTags') {
      const { items, next } = pageOf(
        output.Tags as unknown[],
        pageToken,
        this.pages.tagsPageSize ?? 50,
      );
      output = { Tags: items, Truncated: !!next, NextMarker: next };
    }
    res.writeHead(200, {
      'content-type': kms ? KMS_JSON : 'application/json',
    });
    res.end(JSON.stringify(toWire(output)));
  }

  /** Runs `answer` after `delayMs`, unless the client closed the request by then. */
  private answerLater(
    res: ServerResponse,
    delayMs: number,
    answer: () => void,
  ): void {
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      if (!res.destroyed) answer();
    }, delayMs);
    this.delayed.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      this.delayed.delete(timer);
    });
  }

  private sendFault(
    res: ServerResponse,
    fault: Exclude<FakeFault, { kind: 'slow' }>,
    kms: boolean,
  ): void {
    const contentType = kms ? KMS_JSON : 'application/json';
    if (fault.kind === 'hang') {
      this.hanging.add(res);
      res.on('close', () => {
        this.hanging.delete(res);
        if (this.hanging.size > 0) return;
        for (const resolve of this.hangClosed.splice(0)) resolve();
      });
    } else if (fault.kind === 'malformed') {
      res.writeHead(200, { 'content-type': contentType });
      res.end('{"truncated": ');
    } else if (fault.kind === 'reply') {
      const { status, body, headers } = fault;
      res.writeHead(status, { 'content-type': contentType, ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    } else {
      const [status, name, message] = FAULT_ERRORS[fault.kind][kms ? 1 : 0];
      this.sendError(res, kms, status, name, message);
    }
  }

  private sendError(
    res: ServerResponse,
    kms: boolean,
    status: number,
    name: string,
    message: string,
  ): void {
    if (kms) {
      res.writeHead(status, { 'content-type': KMS_JSON });
      res.end(JSON.stringify({ __type: name, message }));
    } else {
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-errortype': name,
      });
      res.end(JSON.stringify({ message }));
    }
  }
}
