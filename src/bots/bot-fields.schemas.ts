import { z } from 'zod';

/** Anything unusable is as good as absent: these fields never fail a post, the rules judge them. */
const optionalToken = (max: number) => z.string().max(max).optional().catch(undefined);

/** The fields of a new comment that the bot defences read (part of POST /threads/{threadKey}/comments). */
export const botFieldsShape = {
  challengeSolution: optionalToken(8000).meta({
    description:
      'A solved proof-of-work challenge: base64 of JSON `{ "challenge", "solution" }`, the challenge as a 428 answer gave it and the solution found (ALTCHA v2).',
  }),
  formTicket: optionalToken(200).meta({ description: 'The signed render time the widget or the no-JS page put in the form.' }),
  // null is as empty as absent: only text in it is a bot's.
  homepage: z.preprocess((value) => value ?? undefined, z.string().max(5000).optional()).catch('filled').meta({ description: 'Leave empty: a hidden field that only bots fill.' }),
};

/** GET /threads/{threadKey}/ticket: what to send back as `formTicket` with the post. */
export const formTicketSchema = z.object({
  formTicket: z.string().meta({ description: 'The signed time it was issued; a post sent back sooner than the policy\'s minSecondsToPost is held for a moderator (spam from the no-JS page, whose ticket is stamped at render).' }),
});
