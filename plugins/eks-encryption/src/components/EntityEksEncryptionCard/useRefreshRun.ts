import { useApi } from '@backstage/frontend-plugin-api';
import { assertError } from '@backstage/errors';
import type { RunInfo } from '../../api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { eksEncryptionApiRef } from '../../api';

/** How often a running refresh is polled. */
export const REFRESH_POLL_INTERVAL_MS = 2000;

export interface RefreshRunState {
  /** The latest known state of the run started here, if any. */
  run?: RunInfo;
  /** Starting the run or reading its state failed. */
  error?: Error;
  running: boolean;
  start: () => void;
}

/**
 * Starts a re-evaluation of one entity and follows it until it finishes,
 * then calls `onFinished` once (also when the run failed, so the caller shows
 * whatever the backend stored).
 */
export function useRefreshRun(
  entityRef: string,
  onFinished: () => void,
): RefreshRunState {
  const api = useApi(eksEncryptionApiRef);
  const [run, setRun] = useState<RunInfo>();
  const [error, setError] = useState<Error>();
  const [starting, setStarting] = useState(false);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  const start = useCallback(() => {
    setStarting(true);
    setError(undefined);
    setRun(undefined);
    api.refresh(entityRef).then(
      started => {
        setStarting(false);
        setRun(started);
      },
      (e: unknown) => {
        assertError(e);
        setStarting(false);
        setError(e);
      },
    );
  }, [api, entityRef]);

  // Every answer is a new object, so a still-running run schedules the next poll.
  useEffect(() => {
    if (!run || run.status !== 'running') return undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.getRun(run.id).then(
        next => {
          if (!cancelled) setRun(next);
        },
        (e: unknown) => {
          assertError(e);
          if (!cancelled) setError(e);
        },
      );
    }, REFRESH_POLL_INTERVAL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, run]);

  const finishedRunId = run && run.status !== 'running' ? run.id : undefined;
  useEffect(() => {
    if (finishedRunId) onFinishedRef.current();
  }, [finishedRunId]);

  const polling = run?.status === 'running' && !error;
  return { run, error, running: starting || polling, start };
}
