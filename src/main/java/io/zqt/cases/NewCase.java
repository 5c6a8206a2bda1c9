package io.zqt.cases;

import java.util.LinkedHashMap;
import java.util.Map;

/** A validated, normalised intake (受理): what gets stored in the case record and handed to the process. */
public record NewCase(String enterpriseName, String creditCode, String contactName, String contactPhone,
    String district, String type, String topic, String urgency, String title, String description, String channel,
    String idempotencyKey) {

  /** The process variables that the enterprise-case process and its forms read. */
  public Map<String, Object> variables() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("enterpriseName", enterpriseName);
    v.put("creditCode", creditCode);
    v.put("contactName", contactName);
    v.put("contactPhone", contactPhone);
    v.put("district", district);
    v.put("type", type);
    v.put("topic", topic);
    v.put("urgency", urgency);
    v.put("title", title);
    v.put("description", description);
    v.put("channel", channel);
    return v;
  }
}
