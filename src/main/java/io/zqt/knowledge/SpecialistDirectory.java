package io.zqt.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * Who answers for what: the policy specialists, loaded from data/knowledge/specialists; whether each is on duty comes
 * from the duty roster in the database at every call (io.zqt.knowledge.specialist.DutyRoster).
 */
public interface SpecialistDirectory {

  /**
   * The specialist to call for a responsibility entry: one of the entry's own specialists who is on duty, else an
   * on-duty colleague in the unit responsible for the entry; empty when nobody is on duty there.
   */
  Optional<Specialist> forEntry(String entryKey);

  Optional<Specialist> find(String userId);

  List<Specialist> all();
}
