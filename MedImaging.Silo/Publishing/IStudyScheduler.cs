using MedImaging.Studies;

namespace MedImaging.Silo.Publishing;

/// <summary>Where a study's follow-ups go: the grain keeps them with the study and runs each when it falls due.</summary>
public interface IStudyScheduler
{
    void Schedule(StudyMessage message, TimeSpan delay);
}
