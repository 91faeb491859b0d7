import { queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';

export const sessionsKey = ['me', 'sessions'] as const;

export const sessionsQuery = () => queryOptions({ queryKey: sessionsKey, queryFn: () => client.me.sessions().then((r) => r.items) });
