package org.sarnakh.nurture;

/** A static list holds the leads put in it; a dynamic segment holds every lead its definition matches. */
public enum SegmentKind { STATIC, DYNAMIC }
