/** Scalar's options for a page that never calls out. */
export declare const SCALAR_OPTIONS: Readonly<Record<string, unknown>>;
/** JS source made safe to place between `<script>` and `</script>`. */
export declare function inlineScript(source: string): string;
/** JSON made safe to place inside `<script type="application/json">`. */
export declare function inlineJson(value: unknown): string;
/** The whole reference page for a bundled spec and the text of Scalar's standalone bundle. */
export declare function renderReferencePage(input: { spec: Record<string, any>; renderer: string }): string;
