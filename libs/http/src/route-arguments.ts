import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';

/**
 * Which kinds of arguments (`@Body()`, `@Param()`, `@Query()`, ...) a controller's handler takes.
 * Parameter decorators are applied before method decorators, so a method decorator may ask too.
 */
export function handlerArgumentTypes(controller: object, handlerName: string | symbol): RouteParamtypes[] {
  const args: Record<string, unknown> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {};
  return Object.keys(args).map((key) => Number(key.split(':')[0]) as RouteParamtypes);
}

/** Whether the handler takes a body (which must then be JSON: see JsonBodyRequired). */
export const handlerTakesBody = (controller: object, handlerName: string | symbol): boolean =>
  handlerArgumentTypes(controller, handlerName).includes(RouteParamtypes.BODY);

/** Whether the handler reads path parameters, which the router decodes (400 `bad_request` when it cannot). */
export const handlerTakesPathParams = (controller: object, handlerName: string | symbol): boolean =>
  handlerArgumentTypes(controller, handlerName).includes(RouteParamtypes.PARAM);
