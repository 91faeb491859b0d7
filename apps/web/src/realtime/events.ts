// The protocol lives in @edumatrix/contracts, shared with the gateway.
export type { ClientEvents, MemberChanged, RoomReply, ServerEvents } from '@edumatrix/contracts';
