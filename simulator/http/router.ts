// A tiny method-and-path router: `/api/v1/terminal/paymentsessions/:id` style patterns.
import type { FaultTarget, Handler } from './types';

/**
 * What a route belongs to. Only the Zoho-facing areas ('payments', 'oauth') are written to the
 * request log: the control API and the pages are the simulator's own plumbing.
 */
export type RouteArea = 'payments' | 'oauth' | 'control' | 'page';

export interface RouteAction {
  handle: Handler;
  faultTarget?: FaultTarget;
}

export interface Route {
  pattern: string;
  area: RouteArea;
  methods: Partial<Record<string, RouteAction>>;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; action: RouteAction; params: Record<string, string> }
  | { kind: 'method_not_allowed'; route: Route; params: Record<string, string> }
  | { kind: 'not_found' };

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, regex: new RegExp(`^${source}/?$`), names };
}

export class Router {
  private routes: CompiledRoute[] = [];

  /** Routes are set once the server listens, since some answers name its URL. */
  setRoutes(routes: Route[]): void {
    this.routes = routes.map(compile);
  }

  match(method: string, pathname: string): RouteMatch {
    for (const { route, regex, names } of this.routes) {
      const found = regex.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = safeDecode(found[index + 1] ?? '');
      });
      const action = route.methods[method];
      return action ? { kind: 'found', route, action, params } : { kind: 'method_not_allowed', route, params };
    }
    return { kind: 'not_found' };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
