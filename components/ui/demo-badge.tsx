export function DemoBadge({ label }: { label: string }) {
  return (
    <span className="demo-badge" data-testid="demo-badge">
      {label}
    </span>
  );
}
