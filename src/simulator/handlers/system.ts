// System, organization and project endpoints (docs/api.md#system-status, docs/api.md#projects).
import type { HandlerTable } from '../types';
import type { Member, WorldState } from '../world/state';
import { bodyOf, list, now, projectOf, queryOf } from './common';

type SystemIds =
  'sys.status' | 'org.projects' | 'org.devices' | 'project.devices' | 'project.sts' | 'project.members.add';

/** Credentials and presigned URLs live 15 minutes (docs/api.md#storage-credentials: `expire` 900). */
const STS_TTL = 900;

export function systemHandlers(world: WorldState): Pick<HandlerTable, SystemIds> {
  return {
    'sys.status': () => undefined,

    'org.projects': (ctx) => {
      const q = queryOf(ctx, 'org.projects');
      const needle = q.q?.trim().toLowerCase();
      const matching = world.org.projects
        .filter((p) => !needle || p.name.toLowerCase().includes(needle))
        .sort((a, b) => a.createdAt - b.createdAt);
      if (q.sort_type?.toLowerCase() === 'desc') matching.reverse();
      const items = matching.map((p) => ({
        name: p.name,
        introduction: p.introduction,
        uuid: p.uuid,
        org_uuid: world.org.uuid,
        project_work_center_point: { latitude: p.center.latitude, longitude: p.center.longitude },
        created_at: p.createdAt,
        updated_at: p.createdAt,
      }));
      // `usage=simple` is the non-paged form (docs/api.md#project-list); a page past the end is empty
      // (→ null).
      if (q.usage === 'simple') return list(world, items);
      const size = q.page_size ?? 10;
      const page = q.page ?? 1;
      return list(world, items.slice((page - 1) * size, page * size));
    },

    'org.devices': () => list(world, world.devices.topology(undefined, now(world))),

    'project.devices': (ctx) => list(world, world.devices.topology(projectOf(world, ctx).uuid, now(world))),

    'project.sts': (ctx) => {
      const project = projectOf(world, ctx);
      const prefix = `${project.uuid}/uploads`;
      // Writes are allowed under "prefix/" only, the layout the route tutorial uses
      // (docs/api.md#route-upload step 3).
      const creds = world.storage.issueCredentials(world.bucket, `${prefix}/`, STS_TTL);
      return {
        endpoint: ctx.baseUrl,
        provider: 'minio',
        region: world.storage.region,
        bucket: world.bucket,
        object_key_prefix: prefix,
        credentials: {
          access_key_id: creds.accessKeyId,
          access_key_secret: creds.secretAccessKey,
          security_token: creds.sessionToken,
          expire: STS_TTL,
          platform: 0,
        },
      };
    },

    'project.members.add': (ctx) => {
      const project = projectOf(world, ctx);
      const members = world.members.get(project.uuid) ?? new Map<string, Member>();
      for (const u of bodyOf(ctx, 'project.members.add').add_users) {
        members.set(u.user_id, { userId: u.user_id, role: u.role, nickname: u.nickname ?? '' });
      }
      world.members.set(project.uuid, members);
      return undefined;
    },
  };
}
