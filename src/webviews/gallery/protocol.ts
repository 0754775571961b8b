// Messages between the media gallery page and its host. Imports only zod: the host compiles this file
// too. The page gets presigned preview/download links, never the organization key.
import * as z from 'zod';
import { labelsSchema } from '../labels';
import { panelBinding } from '../binding';

export const MAX_ITEMS = 10_000;
const url = z.string().max(4096);

export const galleryItem = z.object({
  uuid: z.string().min(1).max(128),
  name: z.string().max(512),
  /** image, video, ppk, or whatever else the API says. */
  type: z.string().max(32),
  suffix: z.string().max(32),
  size: z.number().nonnegative().nullable(),
  /** Milliseconds since the epoch. */
  time: z.number().nullable(),
  preview: url.nullable(),
  url: url.nullable(),
});
export type GalleryItem = z.infer<typeof galleryItem>;

/** The task and the connection and project it belongs to (saved with the page: a restore needs them). */
export const galleryTask = z.object({
  uuid: z.string().min(1).max(128),
  name: z.string().max(512),
  ...panelBinding.shape,
});
export type GalleryTask = z.infer<typeof galleryTask>;

export const SORT_KEYS = ['time', 'name', 'size'] as const;
export const MEDIA_TYPES = ['image', 'video', 'ppk'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** What the page keeps across reloads (and what the serializer gets back). */
export const galleryState = z.object({
  task: galleryTask,
  types: z.array(z.enum(MEDIA_TYPES)).max(3),
  sort: z.enum(SORT_KEYS),
  descending: z.boolean(),
  search: z.string().max(200),
  scrollTop: z.number().nonnegative(),
});
export type GalleryState = z.infer<typeof galleryState>;

export const GALLERY_LABEL_KEYS = [
  'search',
  'allTypes',
  'image',
  'video',
  'ppk',
  'sortTime',
  'sortName',
  'sortSize',
  'ascending',
  'descending',
  'count',
  'selected',
  'downloadSelected',
  'downloadAll',
  'refresh',
  'loading',
  'empty',
  'noMatch',
  'size',
  'time',
  'type',
  'close',
  'zoomIn',
  'zoomOut',
  'previous',
  'next',
  'noPreview',
  'noSound',
  'noAudioTrack',
  'downloading',
  'help',
] as const;
/** The page's words, translated by the host (the page has no `vscode.l10n`). */
export const galleryStrings = labelsSchema(GALLERY_LABEL_KEYS, 400);
export type GalleryStrings = z.infer<typeof galleryStrings>;

export const toWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('strings'), strings: galleryStrings }),
  z.object({ type: z.literal('loading'), task: galleryTask }),
  z.object({ type: z.literal('media'), task: galleryTask, items: z.array(galleryItem).max(MAX_ITEMS) }),
  z.object({ type: z.literal('error'), message: z.string().max(2000) }),
  z.object({
    type: z.literal('download'),
    running: z.boolean(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
]);
export type ToWebview = z.infer<typeof toWebview>;

export const fromWebview = z.discriminatedUnion('type', [
  /** Download these media (null: all of the task's media). */
  z.object({ type: z.literal('download'), uuids: z.array(z.string().max(128)).max(MAX_ITEMS).nullable() }),
  /** Fetch the list again (links expire after ~15 minutes, so thumbnails stop loading). */
  z.object({ type: z.literal('refresh') }),
]);
export type FromWebview = z.infer<typeof fromWebview>;
