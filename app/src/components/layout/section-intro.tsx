/** The heading and line of context that open a section of a page (an <h2> the page outline lists). */
export function SectionIntro({ id, title, description }: { id: string; title: string; description: string }) {
  return (
    <div className="grid gap-1">
      <h2 id={id} className="font-semibold text-xl tracking-tight">
        {title}
      </h2>
      <p className="text-muted-foreground">{description}</p>
    </div>
  );
}
