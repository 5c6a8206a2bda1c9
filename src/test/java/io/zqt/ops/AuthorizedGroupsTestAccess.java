package io.zqt.ops;

import java.sql.Connection;
import java.util.Set;

/** Lets tests in other packages run the plugin's group query. */
public final class AuthorizedGroupsTestAccess {

  private AuthorizedGroupsTestAccess() {}

  public static Set<String> distinctGroups(Connection connection) {
    return AuthorizedGroupsPlugin.distinctGroups(connection);
  }
}
