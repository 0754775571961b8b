// How many media files a task produces and how many the dock has uploaded so far: one photo per
// take-photo waypoint reached, a video and a PPK file; uploads trickle in over a minute after landing
// (docs/api.md#flight-tasks step 4, docs/api.md#task-timeline).
import { photosTaken } from './flightPlan';
import type { Evaluated } from './tasks';
import { MINUTE } from './time';

export const MEDIA_UPLOAD_MS = MINUTE;

export interface MediaCounts {
  readonly photos: number;
  readonly expected: number;
  readonly uploaded: number;
  /** When uploading starts (the landing), if the task landed. */
  readonly landedAt?: number;
}

export function mediaCounts(e: Evaluated, now: number): MediaCounts {
  const { timeline, spec, plan } = e;
  if (timeline.phase !== 'landed' || timeline.endedAt === undefined)
    return { photos: 0, expected: 0, uploaded: 0 };
  const photos =
    spec.mediaCount !== undefined ? Math.max(0, spec.mediaCount - 2) : photosTaken(plan, timeline.progressMs);
  const expected = spec.mediaCount ?? photos + 2;
  const elapsed = now - timeline.endedAt;
  const uploaded =
    elapsed >= MEDIA_UPLOAD_MS ? expected : Math.floor((expected * Math.max(0, elapsed)) / MEDIA_UPLOAD_MS);
  return { photos, expected, uploaded, landedAt: timeline.endedAt };
}

/**
 * The list's `media_upload_status` (its values are not documented, docs/api.md#open-questions) [INFERRED].
 */
export function mediaUploadStatus(e: Evaluated, counts: MediaCounts): string {
  if (e.timeline.phase === 'failed' || e.timeline.phase === 'timed_out') return 'no_media';
  if (counts.landedAt === undefined) return 'to_upload';
  return counts.uploaded < counts.expected ? 'uploading' : 'upload_finished';
}
