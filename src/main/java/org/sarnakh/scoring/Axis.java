package org.sarnakh.scoring;

/** What a rule scores: who the lead is (fit: job title, industry, size…) or what they do (engagement: visits, opens…). */
public enum Axis { FIT, ENGAGEMENT }
