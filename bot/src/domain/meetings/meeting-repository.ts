// How the meeting notes are stored (storage/table-meeting-repository.ts implements it): one open
// meeting per workspace, kept as one record so the side panel is one read, and the closed
// meetings, each under the key of what closed it, so a redelivered meeting end finds its own.
import type { Actor } from '../ops/common';
import type { Workspace } from '../workspace';
import type { OpenMeeting } from './meeting-notes';

/** A meeting that ended: its notes as they were, and how far posting its minutes got. */
export interface ClosedMeeting extends OpenMeeting {
  /** What closed it: "end:<Teams meeting id>:<end time>" for a meeting end, "close:<meeting id>" for the panel's button. */
  closeKey: string;
  closedAt: string;
  closedBy: Actor;
  /** pending: not posted yet (a retry posts it); posting: claimed at `postingSince`; posted. */
  minutes: 'pending' | 'posting' | 'posted';
  postingSince?: string;
  postedAt?: string;
}

/** The open meeting as read, and the ETag of its row (absent when the workspace never had one). */
export interface OpenSlot {
  meeting?: OpenMeeting;
  etag?: string;
}

export interface MeetingRepository {
  open(workspace: Workspace): Promise<OpenSlot>;
  /** Writes the open meeting: a new row without `etag`, else only if the row is unchanged. */
  saveOpen(workspace: Workspace, meeting: OpenMeeting, etag?: string): Promise<{ etag: string } | 'conflict'>;
  /**
   * In one transaction: the open meeting is cleared (if its row is unchanged since `etag`) and
   * stored as closed under its close key. 'duplicate': that key was closed before.
   */
  close(workspace: Workspace, closed: ClosedMeeting, etag: string): Promise<{ etag: string } | 'conflict' | 'duplicate'>;
  closed(workspace: Workspace, closeKey: string): Promise<ClosedMeeting | undefined>;
  /** Replaces a closed meeting if unchanged since its `etag`. */
  saveClosed(workspace: Workspace, closed: ClosedMeeting): Promise<{ etag: string } | 'conflict'>;
}
