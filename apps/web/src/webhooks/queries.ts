import type { WebhookDelivery, WebhookDeliveryQuery, WebhookDeliveryStatus } from '@edumatrix/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';

export type StatusFilter = WebhookDeliveryStatus | 'all';

export const webhookKeys = {
  all: (institutionId: string) => [...institutionKeys.one(institutionId), 'webhooks'] as const,
  list: (institutionId: string) => [...webhookKeys.all(institutionId), 'list'] as const,
  one: (institutionId: string, id: string) => [...webhookKeys.all(institutionId), id] as const,
  deliveries: (institutionId: string, id: string) => [...webhookKeys.one(institutionId, id), 'deliveries'] as const,
  delivery: (institutionId: string, id: string, deliveryId: string) =>
    [...webhookKeys.one(institutionId, id), 'delivery', deliveryId] as const,
};

// Pending deliveries finish within seconds when the receiver answers; new events arrive any time.
const PENDING_POLL_MS = 2_000;
const IDLE_POLL_MS = 15_000;

export const hasPending = (deliveries: WebhookDelivery[]) => deliveries.some((d) => d.status === 'pending');

export const webhooksQuery = (institutionId: string) =>
  queryOptions({
    queryKey: webhookKeys.list(institutionId),
    queryFn: () => client.webhooks.list(institutionId).then((r) => r.items),
  });

export const webhookQuery = (institutionId: string, id: string) =>
  queryOptions({ queryKey: webhookKeys.one(institutionId, id), queryFn: () => client.webhooks.get(institutionId, id) });

export const deliveriesQuery = (institutionId: string, id: string, status: StatusFilter) =>
  infiniteQueryOptions({
    queryKey: [...webhookKeys.deliveries(institutionId, id), status],
    queryFn: ({ pageParam }) => {
      const query: Partial<WebhookDeliveryQuery> = { limit: 25 };
      if (status !== 'all') query.status = status;
      if (pageParam) query.cursor = pageParam;
      return client.webhooks.deliveries(institutionId, id, query);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (query) => (hasPending(query.state.data?.pages.flatMap((p) => p.items) ?? []) ? PENDING_POLL_MS : IDLE_POLL_MS),
  });

export const deliveryQuery = (institutionId: string, id: string, deliveryId: string) =>
  queryOptions({
    queryKey: webhookKeys.delivery(institutionId, id, deliveryId),
    queryFn: () => client.webhooks.delivery(institutionId, id, deliveryId),
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? PENDING_POLL_MS : false),
  });
