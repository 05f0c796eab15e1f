/** What is wrong with the cart, if anything: the field it is in (a line's are keyed `<lineKey>.quantity`, `.discount`, …) and the message. */
export interface CartProblem {
  field?: string | undefined;
  message: string;
}

/** The message to show at field `key`: the problem's when it is in that field. */
export function errorsFor(problem: CartProblem | null): (key: string) => string | undefined {
  return (key) => (problem?.field === key ? problem.message : undefined);
}
