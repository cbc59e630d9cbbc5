import { DataTable } from '@/components/table/data-table';
import { LocalName, Official } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import { transferDocumentSchema, type TransferParty } from '@/lib/domain/transfer-document';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

/** Organisations have English names; a project is named as published (in Chinese), marked as such. */
function Party({ party, locale }: { party: TransferParty; locale: Locale }) {
  return party.kind === 'project' ? <Official>{party.name}</Official> : <LocalName zh={party.name} en={party.nameEn} locale={locale} />;
}

/**
 * The lines of a document's allocation result as a table: who sent what to whom, from which
 * level's programme. Returns nothing for content of another shape (a batch's result, a catalogue entry).
 */
export function TransferLines({ content, m, locale }: { content: unknown; m: Messages; locale: Locale }) {
  const parsed = transferDocumentSchema.safeParse(content);
  if (!parsed.success) return null;
  const u = m.ledgerUi;
  return (
    <DataTable
      testId="transfer-lines"
      columns={[
        { id: 'date', header: u.date },
        { id: 'kind', header: u.kind },
        { id: 'from', header: u.from },
        { id: 'to', header: u.to },
        { id: 'programme', header: u.programme },
        { id: 'amount', header: u.amount, numeric: true, testId: 'line-amount' },
      ]}
      rows={parsed.data.lines.map((l) => ({
        _key: String(l.transferId),
        date: l.date,
        kind: l.reversesTransferId ? `${m.ledger.kind[l.kind]} #${l.reversesTransferId}` : m.ledger.kind[l.kind],
        from: <Party party={l.from} locale={locale} />,
        to: <Party party={l.to} locale={locale} />,
        programme: (
          <>
            <Official>{l.programmeName}</Official> <span className="muted">({m.level[l.programmeLevel]})</span>
          </>
        ),
        amount: <Money fen={l.amountFen} locale={locale} />,
      }))}
    />
  );
}
