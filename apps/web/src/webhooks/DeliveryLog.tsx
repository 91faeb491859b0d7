import type { Webhook } from '@edumatrix/contracts';
import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ResponsiveModal, usePhone } from '../ui/FormActions.tsx';
import { formatDateTime } from '../ui/format.ts';
import { LoadMore } from '../ui/LoadMore.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import { DeliveryDetail } from './DeliveryDetail.tsx';
import { DeliveryCards, DeliveryTable } from './DeliveryRows.tsx';
import { DeliverySummary } from './DeliverySummary.tsx';
import { DELIVERY_STATUS } from './labels.ts';
import { deliveriesQuery, hasPending, type StatusFilter, webhookKeys } from './queries.ts';

const FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
  { value: 'pending', label: 'Pending' },
];

type Props = { institutionId: string; webhook: Webhook };

export function DeliveryLog({ institutionId, webhook }: Props) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  const phone = usePhone();
  const log = useInfiniteQuery({
    ...deliveriesQuery(institutionId, webhook.id, status),
    // Keeps the table on screen while a new filter loads.
    placeholderData: (previous) => previous,
  });
  const deliveries = useMemo(() => log.data?.pages.flatMap((p) => p.items) ?? [], [log.data]);
  const pending = hasPending(deliveries);

  // Finished deliveries change the endpoint too (failure count, disabled after too many).
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && !pending) {
      void queryClient.invalidateQueries({ queryKey: webhookKeys.one(institutionId, webhook.id), exact: true });
    }
    wasPending.current = pending;
  }, [pending, queryClient, institutionId, webhook.id]);

  const open = deliveries.find((d) => d.id === openId);

  return (
    <Stack>
      <SegmentedControl
        aria-label="Show deliveries"
        data={FILTERS}
        value={status}
        onChange={(value) => setStatus(value as StatusFilter)}
        size="xs"
        fullWidth={phone}
        style={{ alignSelf: phone ? 'stretch' : 'flex-start' }}
      />
      {log.isPending ? (
        <Loading label="Loading deliveries" />
      ) : log.isError ? (
        <LoadError error={log.error} title="Could not load the deliveries" />
      ) : deliveries.length === 0 ? (
        <Text c="dimmed" size="sm" py="md">
          {status === 'all'
            ? 'Nothing was sent yet. Send a test, or wait for one of the subscribed events.'
            : `No ${DELIVERY_STATUS[status].label.toLowerCase()} deliveries.`}
        </Text>
      ) : (
        <>
          {status === 'all' && <DeliverySummary deliveries={deliveries} />}
          {phone ? (
            <DeliveryCards deliveries={deliveries} onOpen={setOpenId} />
          ) : (
            <DeliveryTable deliveries={deliveries} onOpen={setOpenId} />
          )}
        </>
      )}
      <LoadMore list={log} />
      <ResponsiveModal
        opened={openId !== null}
        onClose={() => setOpenId(null)}
        title={open ? `Delivery of ${formatDateTime(open.createdAt)}` : 'Delivery'}
        size="lg"
      >
        {openId && <DeliveryDetail institutionId={institutionId} webhook={webhook} deliveryId={openId} />}
      </ResponsiveModal>
    </Stack>
  );
}
