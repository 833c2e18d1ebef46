package io.mallbots.core.rpc;

import java.lang.reflect.Method;
import java.util.List;

/** Finds the public declaration of a service implementation's method, for a method handle. */
final class PublicDeclarations {

  private PublicDeclarations() {}

  /**
   * The method as a public type declares it (implementations are often package-private classes).
   */
  static Method of(Method method) throws NoSuchMethodException {
    java.util.Deque<Class<?>> types =
        new java.util.ArrayDeque<>(List.of(method.getDeclaringClass()));
    while (!types.isEmpty()) {
      Class<?> type = types.pop();
      if (java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
        try {
          return type.getMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException notHere) {
          // keep looking in the supertypes
        }
      }
      if (type.getSuperclass() != null) {
        types.add(type.getSuperclass());
      }
      types.addAll(List.of(type.getInterfaces()));
    }
    throw new NoSuchMethodException("no public type declares " + method);
  }
}
