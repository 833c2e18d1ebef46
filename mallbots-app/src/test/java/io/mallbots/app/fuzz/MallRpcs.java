package io.mallbots.app.fuzz;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import io.mallbots.baskets.v1.BasketsApiProto;
import io.mallbots.notifications.v1.NotificationsApiProto;
import io.mallbots.ordering.v1.OrderingApiProto;
import io.mallbots.payments.v1.PaymentsApiProto;
import io.mallbots.search.v1.SearchApiProto;
import io.mallbots.stores.v1.StoresApiProto;
import io.mallbots.users.v1.UsersApiProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every RPC the mall serves, read from the contract itself (the generated file descriptors), so a
 * new RPC is fuzzed without anyone remembering to add it here.
 */
public final class MallRpcs {

  /** One RPC of one service: {@code service} is the name the launcher and the JSON bridge use. */
  public record Rpc(String service, MethodDescriptor method) {

    String fullName() {
      return method.getService().getFullName() + "/" + method.getName();
    }

    @Override
    public String toString() {
      return service + "/" + method.getName();
    }
  }

  private static final Map<String, FileDescriptor> CONTRACTS = new LinkedHashMap<>();

  static {
    CONTRACTS.put("users", UsersApiProto.getDescriptor());
    CONTRACTS.put("stores", StoresApiProto.getDescriptor());
    CONTRACTS.put("payments", PaymentsApiProto.getDescriptor());
    CONTRACTS.put("notifications", NotificationsApiProto.getDescriptor());
    CONTRACTS.put("search", SearchApiProto.getDescriptor());
    CONTRACTS.put("ordering", OrderingApiProto.getDescriptor());
    CONTRACTS.put("baskets", BasketsApiProto.getDescriptor());
  }

  private MallRpcs() {}

  public static List<String> services() {
    return List.copyOf(CONTRACTS.keySet());
  }

  public static List<Rpc> all() {
    List<Rpc> rpcs = new ArrayList<>();
    CONTRACTS.forEach(
        (service, file) ->
            file.getServices()
                .forEach(
                    descriptor ->
                        descriptor
                            .getMethods()
                            .forEach(method -> rpcs.add(new Rpc(service, method)))));
    return rpcs;
  }
}
