import { z } from 'zod/v4';
import { PHASES, type SessionState } from '../../domain';
import { sameType, type SameType } from './same-type';
import { deckSchema, languageSchema, leaderRefSchema } from './table-state';
import type { StoredShape } from './versioned';

const deckOrigin = z.enum(['default', 'extended', 'own']);

/** The stored session, version 1 (`schemaVersion: 1`): every session written since sessions exist. Types only, as for tables. */
export const sessionStateV1 = z.object({
  schemaVersion: z.literal(1),
  code: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  organiser: leaderRefSchema,
  coOrganisers: z.array(leaderRefSchema),
  tenantId: z.string(),
  thread: z.string(),
  language: languageSchema,
  goal: z.string().optional(),
  outcomeUse: z.string().optional(),
  policyGoals: z.array(z.string()),
  maxParticipants: z.number(),
  stepMinutes: z.record(z.enum(PHASES), z.number()).optional(),
  deck: deckSchema,
  deckChoice: z.object({ ingredients: deckOrigin, intentions: deckOrigin }),
  tables: z.array(
    z.object({ token: z.string(), title: z.string(), linkedAt: z.number(), conversationId: z.string(), stoppedAt: z.number().optional() }),
  ),
});

// The schema is the domain's type, field for field: this line stops compiling when either changes alone.
sameType<SameType<z.infer<typeof sessionStateV1>, SessionState>>(true);

export const sessionShape: StoredShape<SessionState> = { version: 1, schema: sessionStateV1, older: {} };
