'use client';

import { NamedOption } from '@/components/ui/local-name';
import { formatExact } from '@/lib/domain/money';
import type { Locale } from '@/lib/i18n';
import { addLegalBasisAction, approveWithholdingAction, renewWithholdingAction, requestWithholdingAction, revokeWithholdingAction, setLegalBasisActiveAction } from '@/lib/actions/disclosure';
import type { Messages } from '@/lib/i18n/zh';
import { useState } from 'react';
import type { WithholdingCandidates } from '@/lib/dal/disclosure/withholdings';
import { ActionForm } from './action-form';

/** Fields that may be withheld on their own (mirrors WITHHOLDABLE_FIELDS in the data layer, which is what decides). */
const WITHHOLDABLE_FIELD_NAMES = ['purpose', 'matching'] as const;

type D = Messages['disclosure'];
type Basis = { id: number; name: string; active: boolean };
const ITEM_TYPES = ['transfer', 'project', 'document', 'programme', 'field', 'indicator_report', 'finding'] as const;

/** The item is picked from what the organisation may withhold, by the names officers know. */
export function RequestWithholdingForm({ d, bases, candidates, locale }: { d: D; bases: Basis[]; candidates: WithholdingCandidates; locale: Locale }) {
  const [itemType, setItemType] = useState<(typeof ITEM_TYPES)[number]>('programme');
  const options = itemType === 'field' ? candidates.programme : candidates[itemType];
  return (
    <ActionForm action={requestWithholdingAction} submit={d.submit} saved={d.saved} testId="request-withholding">
      <label>
        {d.subject}
        <select name="itemType" value={itemType} onChange={(e) => setItemType(e.target.value as (typeof ITEM_TYPES)[number])}>
          {ITEM_TYPES.map((t) => (
            <option key={t} value={t}>
              {d.itemType[t]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {d.itemId}
        <select name="itemId" required key={itemType}>
          {/* An <option> holds text only: a transfer's amount is the one formatter's exact text. */}
          {options.map((o) => (
            <NamedOption key={o.id} option={{ ...o, value: String(o.id) }} locale={locale} extra={o.amountFen === undefined ? undefined : ` · ${formatExact(BigInt(o.amountFen), locale)}`} />
          ))}
        </select>
      </label>
      {itemType === 'field' && (
        <label>
          {d.field}
          <select name="field">
            {WITHHOLDABLE_FIELD_NAMES.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {d.legalBasis}
        <select name="legalBasisId">
          {bases.filter((b) => b.active).map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {d.reason}
        <textarea name="reason" required minLength={4} />
      </label>
      <label>
        {d.reviewDate}
        <input type="date" name="reviewDate" required />
      </label>
    </ActionForm>
  );
}

export function ApproveForm({ id, d }: { id: number; d: D }) {
  return (
    <ActionForm action={approveWithholdingAction} submit={d.approve} saved={d.saved} className="inline-form">
      <input type="hidden" name="id" value={id} />
    </ActionForm>
  );
}

export function RevokeForm({ id, d }: { id: number; d: D }) {
  return (
    <ActionForm action={revokeWithholdingAction} submit={d.revoke} saved={d.saved} className="inline-form">
      <input type="hidden" name="id" value={id} />
    </ActionForm>
  );
}

export function RenewForm({ id, d }: { id: number; d: D }) {
  return (
    <ActionForm action={renewWithholdingAction} submit={d.renew} saved={d.saved} className="inline-form">
      <input type="hidden" name="withholdingId" value={id} />
      <input name="reason" aria-label={d.reason} placeholder={d.reason} required minLength={4} />
      <input type="date" name="reviewDate" aria-label={d.reviewDate} required />
    </ActionForm>
  );
}

export function LegalBasisForms({ d, bases }: { d: D; bases: (Basis & { code: string })[] }) {
  return (
    <>
      <ul>
        {bases.map((b) => (
          <li key={b.id}>
            {b.code} · {b.name} · {b.active ? d.status.active : d.status.revoked}
            <ActionForm action={setLegalBasisActiveAction} submit={b.active ? d.deactivate : d.activate} saved={d.saved} className="inline-form">
              <input type="hidden" name="id" value={b.id} />
              <input type="hidden" name="active" value={String(!b.active)} />
            </ActionForm>
          </li>
        ))}
      </ul>
      <ActionForm action={addLegalBasisAction} submit={d.addBasis} saved={d.saved} testId="add-basis">
        <label>
          {d.code}
          <input name="code" required />
        </label>
        <label>
          {d.name}
          <input name="name" required />
        </label>
        <label>
          {d.nameEn}
          <input name="nameEn" required />
        </label>
      </ActionForm>
    </>
  );
}

