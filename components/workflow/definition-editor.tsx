'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { publishDefinitionAction } from '@/lib/actions/workflow';
import type { Messages } from '@/lib/i18n/zh';

/** The active definition of a kind as JSON; publishing makes a new version for new items only. */
export function DefinitionEditor({ kind, json, w }: { kind: string; json: string; w: Messages['workflow'] }) {
  const router = useRouter();
  const [text, setText] = useState(json);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  async function publish() {
    const res = await publishDefinitionAction(kind, text);
    if (res.ok) {
      setStatus({ ok: true, text: w.definitionPublished.replace('{version}', String(res.data.version)) });
      router.refresh();
    } else setStatus({ ok: false, text: Object.values(res.fieldErrors ?? {})[0] ?? res.message });
  }
  return (
    <div className="stack">
      <textarea aria-label={kind} rows={16} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} style={{ fontFamily: 'monospace' }} />
      <button type="button" className="primary" onClick={publish}>
        {w.publishDefinition}
      </button>
      {status && (
        <p className={status.ok ? 'ok' : 'error'} role="status">
          {status.text}
        </p>
      )}
    </div>
  );
}
