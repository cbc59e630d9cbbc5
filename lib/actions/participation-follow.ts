'use server';

import { headers } from 'next/headers';
import { clientAddress } from '@/lib/auth/client-ip';
import { askToFollow, confirmFollowByLink, leaveFollowByLink } from '@/lib/dal/participation/follows';
import { askToRate, confirmRatingByLink } from '@/lib/dal/participation/ratings';
import { citizenFollowSchema, citizenRatingSchema, linkTokenSchema } from '@/lib/schemas/participation-follow';
import { definePublicAction } from './define';

/*
 * Public: anyone may ask to follow or rate with an e-mail address; nothing counts until the address
 * confirms by the mailed link, which is the only credential of the confirm and leave actions.
 * The shared rate limiter sits in the data layer's guard seam, keyed by the client's address.
 */
const caller = async () => clientAddress(Object.fromEntries((await headers()).entries()));

export const requestFollowAction = definePublicAction({ input: citizenFollowSchema }, async (input) => askToFollow(input, await caller()));

export const confirmFollowAction = definePublicAction({ input: linkTokenSchema }, async (input) => confirmFollowByLink(input.token, await caller()));

export const leaveFollowAction = definePublicAction({ input: linkTokenSchema }, async (input) => leaveFollowByLink(input.token, await caller()));

export const requestRatingAction = definePublicAction({ input: citizenRatingSchema }, async (input) => askToRate(input, await caller()));

export const confirmRatingAction = definePublicAction({ input: linkTokenSchema }, async (input) => confirmRatingByLink(input.token, await caller()));
