package org.sarnakh.tracking;

/** The kinds of touch Sarnakh records (issue: tracking and scoring). */
public enum EventType {
  PAGE_VIEW,
  EMAIL_OPEN,
  EMAIL_CLICK,
  FORM_SUBMIT,
  DOWNLOAD,
  WEBINAR_ATTENDED,
  EVENT_ATTENDED,
  CALL_ANSWERED,
  REPLY,
  CUSTOM
}
