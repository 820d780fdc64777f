/** A text field of a submitted form: FormData values are `string | File`, and a file where text belongs reads as "". */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
