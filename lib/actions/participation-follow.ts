'use server';

import { headers } from 'next/headers';
import { getDb } from '@/db';
import { clientAddress } from '@/lib/auth/client-ip';
import { confirmCitizenFollow, leaveCitizenFollow, requestCitizenFollow } from '@/lib/dal/participation/follows';
import { confirmProjectRating, requestProjectRating } from '@/lib/dal/participation/ratings';
import { citizenFollowSchema, citizenRatingSchema, linkTokenSchema } from '@/lib/schemas/participation-follow';
import { definePublicAction } from './define';

/*
 * Public: anyone may ask to follow or rate with an e-mail address; nothing counts until the address
 * confirms by the mailed link, which is the only credential of the confirm and leave actions.
 * The shared rate limiter sits in the data layer's guard seam, keyed by the client's address.
 */
const caller = async () => clientAddress(Object.fromEntries((await headers()).entries()));

export const requestFollowAction = definePublicAction({ input: citizenFollowSchema }, async (input) => requestCitizenFollow(await getDb(), input, await caller()));

export const confirmFollowAction = definePublicAction({ input: linkTokenSchema }, async (input) => confirmCitizenFollow(await getDb(), input.token, await caller()));

export const leaveFollowAction = definePublicAction({ input: linkTokenSchema }, async (input) => leaveCitizenFollow(await getDb(), input.token, await caller()));

export const requestRatingAction = definePublicAction({ input: citizenRatingSchema }, async (input) => requestProjectRating(await getDb(), input, await caller()));

export const confirmRatingAction = definePublicAction({ input: linkTokenSchema }, async (input) => confirmProjectRating(await getDb(), input.token, await caller()));
