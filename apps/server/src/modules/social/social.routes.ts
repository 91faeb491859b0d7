// HTTP for profiles and the graph: parse, authorise (signed-in users), call the service, present.
import {
  Connection,
  ConnectionRequest,
  ConnectionRequestQuery,
  OnlineConnections,
  OnlineConnectionsQuery,
  PersonSummary,
  Profile,
  SendConnectionRequestBody,
  Suggestion,
  UpdateProfileBody,
} from '@edumatrix/contracts';
import { z } from 'zod';
import { userOf } from '../../platform/http/guards.ts';
import type { HttpApp, RouteDeps } from '../../platform/http/types.ts';
import { SOCIAL_BUDGETS } from './budgets.ts';
import type { GraphService } from './graph.service.ts';
import type { PresenceService } from './presence.service.ts';
import type { ProfilesService } from './profiles.service.ts';
import type { SuggestionsService } from './suggestions.service.ts';

const UserParams = z.object({ userId: z.uuid() });
const RequestParams = z.object({ requestId: z.uuid() });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export function socialRoutes(
  app: HttpApp,
  deps: RouteDeps & { profiles: ProfilesService; graph: GraphService; suggestions: SuggestionsService; presence: PresenceService },
) {
  const { guards, profiles, graph, suggestions, presence } = deps;
  const tags = ['social'];
  const user = guards.user();

  app.get(
    '/api/v1/me/profile',
    { schema: { tags, summary: 'Your profile, with its privacy settings', response: { 200: Profile } }, onRequest: user },
    async (req) => profiles.mine(userOf(req).id),
  );
  app.put(
    '/api/v1/me/profile',
    {
      schema: {
        tags,
        summary: 'Change your profile (fields left out stay as they are)',
        body: UpdateProfileBody,
        response: { 200: Profile },
      },
      onRequest: user,
    },
    async (req) => profiles.update(userOf(req).id, req.body),
  );
  app.get(
    '/api/v1/people/:userId',
    {
      schema: { tags, summary: "Someone's profile: only the fields they let you see", params: UserParams, response: { 200: Profile } },
      onRequest: user,
    },
    async (req) => profiles.view(userOf(req).id, req.params.userId),
  );

  // Follow, block and mute are states: PUT sets one, DELETE clears it; both are idempotent.
  const toggles = [
    { path: 'follow', on: graph.follow, off: graph.unfollow, what: 'Follow', budget: SOCIAL_BUDGETS.follow },
    // Blocking protects the one who blocks: never refused for being busy.
    { path: 'block', on: graph.block, off: graph.unblock, what: 'Block', budget: undefined },
    { path: 'mute', on: graph.mute, off: graph.unmute, what: 'Mute', budget: SOCIAL_BUDGETS.follow },
  ] as const;
  for (const t of toggles) {
    app.put(
      `/api/v1/people/:userId/${t.path}`,
      { schema: { tags, summary: `${t.what} someone`, params: UserParams }, onRequest: guards.user(t.budget) },
      async (req, reply) => {
        await t.on(userOf(req).id, req.params.userId);
        return reply.code(204).send();
      },
    );
    app.delete(
      `/api/v1/people/:userId/${t.path}`,
      { schema: { tags, summary: `Undo: ${t.what.toLowerCase()}`, params: UserParams }, onRequest: user },
      async (req, reply) => {
        await t.off(userOf(req).id, req.params.userId);
        return reply.code(204).send();
      },
    );
  }
  app.get(
    '/api/v1/me/blocked',
    { schema: { tags, summary: 'People you blocked', response: { 200: items(PersonSummary) } }, onRequest: user },
    async (req) => ({ items: await graph.blocked(userOf(req).id) }),
  );
  app.get(
    '/api/v1/me/muted',
    { schema: { tags, summary: 'People you muted', response: { 200: items(PersonSummary) } }, onRequest: user },
    async (req) => ({ items: await graph.muted(userOf(req).id) }),
  );

  app.post(
    '/api/v1/connections/requests',
    {
      schema: { tags, summary: 'Ask someone to connect', body: SendConnectionRequestBody, response: { 201: ConnectionRequest } },
      onRequest: guards.user(SOCIAL_BUDGETS.connect),
    },
    async (req, reply) => reply.code(201).send(await graph.requestConnection(userOf(req).id, req.body)),
  );
  app.get(
    '/api/v1/connections/requests',
    {
      schema: {
        tags,
        summary: 'Pending connection requests to you (incoming) or from you (outgoing)',
        querystring: ConnectionRequestQuery,
        response: { 200: items(ConnectionRequest) },
      },
      onRequest: user,
    },
    async (req) => ({ items: await graph.listRequests(userOf(req).id, req.query.direction ?? 'incoming') }),
  );
  const answers = [
    { path: 'accept', status: 'accepted', summary: 'Accept a connection request sent to you' },
    { path: 'decline', status: 'declined', summary: 'Decline a connection request sent to you' },
    { path: 'withdraw', status: 'withdrawn', summary: 'Withdraw a connection request you sent' },
  ] as const;
  for (const a of answers) {
    app.post(
      `/api/v1/connections/requests/:requestId/${a.path}`,
      { schema: { tags, summary: a.summary, params: RequestParams, response: { 200: ConnectionRequest } }, onRequest: user },
      async (req) => graph.answerRequest(userOf(req).id, req.params.requestId, a.status),
    );
  }
  app.get(
    '/api/v1/connections',
    { schema: { tags, summary: 'Your connections, newest first', response: { 200: items(Connection) } }, onRequest: user },
    async (req) => ({ items: await graph.connections(userOf(req).id) }),
  );
  app.get(
    '/api/v1/connections/online',
    {
      schema: {
        tags,
        summary: 'Your connections who let you see their presence: online first, then by when they were last seen',
        querystring: OnlineConnectionsQuery,
        response: { 200: OnlineConnections },
      },
      onRequest: user,
    },
    async (req) => presence.onlineConnections(userOf(req).id, req.query.limit),
  );
  app.delete(
    '/api/v1/connections/:userId',
    { schema: { tags, summary: 'Remove a connection', params: UserParams }, onRequest: user },
    async (req, reply) => {
      await graph.removeConnection(userOf(req).id, req.params.userId);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/connections/suggestions',
    { schema: { tags, summary: 'People you may know', response: { 200: items(Suggestion) } }, onRequest: user },
    async (req) => ({ items: await suggestions.suggest(userOf(req).id) }),
  );
}
