package io.zqt.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Camunda Tasklist as a member of staff uses it: log in, pick a filter, pick a task card, claim it, fill its
 * Camunda Form (form-js) and complete it. Selectors use the webapp's structure (classes, ng-click, form-js ids that
 * end with the form field's id), never the words on the screen, so they work in Chinese and in English.
 */
final class Tasklist {

  private final Browser browser;

  Tasklist(Browser browser) {
    this.browser = browser;
  }

  Tasklist login(String user) {
    loginTo("tasklist", user);
    browser.visible(By.cssSelector("[cam-tasklist-filters]"));
    return this;
  }

  /** Logs in to one of the Camunda webapps (tasklist, cockpit, admin) with the demo password. */
  void loginTo(String app, String user) {
    browser.forgetLogin();
    browser.get("/camunda/app/" + app + "/default/");
    // The login form can be drawn twice while the app starts (typed text then lands in a discarded form): type,
    // check what the fields hold, submit, and start over if the app does not come up as that user.
    browser.waiting(Duration.ofSeconds(60)).withMessage("log in as " + user).until(d -> {
      if (!d.findElements(By.cssSelector("[cam-widget-header] .account")).isEmpty()) {
        return true;
      }
      List<WebElement> names = d.findElements(By.cssSelector("input[ng-model=username]"));
      List<WebElement> passwords = d.findElements(By.cssSelector("input[type=password]"));
      if (names.isEmpty() || passwords.isEmpty() || !names.get(0).isDisplayed()) {
        return false;
      }
      names.get(0).clear();
      names.get(0).sendKeys(user);
      passwords.get(0).clear();
      passwords.get(0).sendKeys("demo");
      if (!user.equals(names.get(0).getAttribute("value"))
          || !"demo".equals(passwords.get(0).getAttribute("value"))) {
        return false;
      }
      passwords.get(0).submit();
      try {
        browser.waiting(Duration.ofSeconds(8))
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] .account")));
        return true;
      } catch (TimeoutException notYet) {
        return false;
      }
    });
  }

  List<String> filterNames() {
    browser.waiting().until(d -> !d.findElements(By.cssSelector(".task-filter h4.name a")).isEmpty()
        || d.findElements(By.cssSelector("[cam-tasklist-filters] .well:not(.ng-hide)")).size() > 0);
    return browser.all(By.cssSelector(".task-filter h4.name a")).stream()
        .map(a -> a.getText().replaceAll("\\s*\\d+\\s*$", "").strip()).toList();
  }

  Tasklist filter(String name) {
    // a filter's tooltip (its description) can cover the next filter: move the pointer away first
    new Actions(browser.driver).moveToElement(browser.visible(By.cssSelector("[cam-widget-header]")), 0, 0)
        .perform();
    browser.click(By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[normalize-space("
        + "text())='" + name + "']"));
    browser.waiting().until(d -> !d.findElements(By.xpath("//div[contains(@class,'task-filter') and contains("
        + "@class,'active')]//h4/a[normalize-space(text())='" + name + "']")).isEmpty());
    return this;
  }

  /** The task cards of the selected filter that mention this text (a case number shown as a card variable). */
  List<WebElement> cardsMentioning(String text) {
    return browser.all(By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')][contains(., '"
        + text + "')]"));
  }

  /** Waits for the card of this case with this task name in the selected filter, then opens it. */
  Tasklist openTask(String caseNumber, String taskName) {
    browser.waiting().until(d -> {
      List<WebElement> cards = cardsMentioning(caseNumber).stream()
          .filter(card -> card.findElement(By.cssSelector("h4.task")).getText().strip().equals(taskName))
          .toList();
      if (cards.isEmpty()) {
        refreshList();
        return false;
      }
      cards.get(0).findElement(By.cssSelector("h4.task a")).click();
      return true;
    });
    browser.waiting().until(d -> d.findElement(By.cssSelector("[cam-tasklist-task] h2.task")).getText().strip()
        .equals(taskName));
    return this;
  }

  private void refreshList() {
    // the active filter's name reloads its list
    List<WebElement> active = browser.all(By.cssSelector(".task-filter.active h4.name a"));
    if (!active.isEmpty()) {
      active.get(0).click();
    }
  }

  /**
   * Claims the open task. Tasklist can redraw the task view just after it opens (the list refreshes, the form loads),
   * and a click landing in the old view is lost; so the button is pressed again while it is still there a few seconds
   * later (claiming a task one already holds is harmless).
   */
  Tasklist claim() {
    By claimButton = By.cssSelector("[cam-tasklist-task] button.claim");
    long[] lastClick = {0};
    browser.waiting(Duration.ofSeconds(30)).withMessage("the task is claimed").until(d -> {
      List<WebElement> buttons = d.findElements(claimButton);
      if (buttons.isEmpty()) {
        return true;
      }
      if (System.currentTimeMillis() - lastClick[0] > 4_000 && buttons.get(0).isDisplayed()
          && buttons.get(0).isEnabled()) {
        try {
          browser.script("arguments[0].scrollIntoView({block: 'center'})", buttons.get(0));
          buttons.get(0).click();
          lastClick[0] = System.currentTimeMillis();
        } catch (org.openqa.selenium.ElementNotInteractableException coveredOrMoving) {
          return false;
        }
      }
      return false;
    });
    awaitForm();
    return this;
  }

  WebElement awaitForm() {
    return browser.visible(By.cssSelector("[cam-tasklist-task] form.fjs-form, .modal form.fjs-form"));
  }

  Tasklist text(String fieldId, String value) {
    WebElement input = browser.visible(By.cssSelector("[id$='-" + fieldId + "']"));
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(value);
    return this;
  }

  /** A form-js select (searchable or not): opens it and clicks the option with this label. */
  Tasklist select(String fieldId, String optionLabel) {
    browser.click(By.cssSelector("label[for$='-" + fieldId + "'] + .fjs-input-group"));
    browser.click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + optionLabel + "']"));
    return this;
  }

  /** A form-js radio group or checklist: clicks the option with this label. */
  Tasklist choose(String fieldId, String optionLabel) {
    browser.click(By.xpath("//label[contains(@for,'-" + fieldId + "-')][normalize-space()='" + optionLabel + "']"));
    return this;
  }

  /** A form-js checkbox: ticks it. */
  Tasklist tick(String fieldId) {
    By box = By.cssSelector("input[type=checkbox][id$='-" + fieldId + "']");
    if (!browser.visible(box).isSelected()) {
      browser.click(box);
    }
    return this;
  }

  String fieldValue(String fieldId) {
    return browser.visible(By.cssSelector("[id$='-" + fieldId + "']")).getAttribute("value");
  }

  /** Completes the open task and waits until Tasklist has removed it from view. */
  void complete() {
    browser.click(By.cssSelector("[cam-tasklist-task] button[ng-click='complete()']"));
    browser.waiting().until(d -> d.findElements(By.cssSelector("[cam-tasklist-task] section.task-card")).isEmpty()
        || !d.findElements(By.cssSelector("[cam-tasklist-task] .task-removed")).isEmpty());
  }

  /** Pressing complete does not submit: the visible form errors (form-js's own or the server's). */
  List<String> completeRefused() {
    browser.click(By.cssSelector("[cam-tasklist-task] button[ng-click='complete()']"));
    return browser.waiting().until(d -> {
      List<String> errors = d.findElements(By.cssSelector(".fjs-form-field-error, .notifications .alert"))
          .stream().filter(WebElement::isDisplayed).map(WebElement::getText).filter(t -> !t.isBlank()).toList();
      return errors.isEmpty() ? null : errors;
    });
  }

  /** Opens the start dialog, picks the process by its name and waits for its start form. */
  Tasklist startProcess(String processName) {
    browser.click(By.cssSelector(".start-process-action a"));
    browser.click(By.xpath("//ul[contains(@class,'processes')]//a[normalize-space()='" + processName + "']"));
    awaitForm();
    return this;
  }

  void submitStartForm() {
    browser.click(By.cssSelector(".modal-footer button.btn-primary[ng-click='startProcessInstance()']"));
    browser.waiting().until(d -> d.findElements(By.cssSelector(".modal-content")).isEmpty());
  }

  static void assertNoCard(Tasklist tasklist, String caseNumber) {
    assertThat(tasklist.cardsMentioning(caseNumber)).isEmpty();
  }
}
